package meridian.sql.geom;

/** Points of a cone for the index-cover tests. */
final class ConePoints {

    private ConePoints() {
    }

    /**
     * The point at {@code distance} degrees from (ra, dec) towards {@code bearing} radians (east
     * of north): {@code {ra, dec}}, RA in [0, 360).
     */
    static double[] at(double ra, double dec, double distance, double bearing) {
        double d = Math.toRadians(distance);
        double p1 = Math.toRadians(dec);
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearing));
        double l2 = Math.toRadians(ra) + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(p1),
                Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        return new double[] {((Math.toDegrees(l2) % 360) + 360) % 360, Math.toDegrees(p2)};
    }
}
