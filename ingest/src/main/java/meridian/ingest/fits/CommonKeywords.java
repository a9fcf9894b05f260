package meridian.ingest.fits;

import meridian.ingest.mapping.FieldRule;

/**
 * The ObsCore values every loader reads the same way, from the keywords of ESO, NOAO and
 * Data Central headers: target, position, instrument, time coverage (also of combined spectra)
 * and resolving power. A collection's mapping overrides any of them.
 */
final class CommonKeywords {

    private CommonKeywords() {
    }

    /** Fills target, position, instrument and time values into {@code d}. */
    static void apply(ProductDraft d, int hdu) throws LoadException {
        HeaderView h = d.keywords();
        d.put("target_name", h.string("OBJECT"));
        d.put("s_ra", angle(h, 15, hdu, "RA", "RA_TARG", "OBJRA"));
        d.put("s_dec", angle(h, 1, hdu, "DEC", "DEC_TARG", "OBJDEC"));
        d.put("instrument_name", h.string("INSTRUME"));
        d.put("facility_name", h.string("TELESCOP"));
        d.put("proposal_id", h.string("PROG_ID"));
        d.put("em_res_power", h.first("SPEC_RES"));
        d.put("s_resolution", h.first("SKY_RES"));
        String created = h.string("DATE");
        if (created != null) {
            d.put("obs_creation_date", FieldRule.parseInstant(created));
        }
        time(d, h, hdu);
    }

    /**
     * The first present of {@code keywords} in degrees: a number is degrees already; text with
     * colons or spaces is sexagesimal ({@code unitDegrees} = 15 for hours of right ascension), as
     * NOAO and many older headers write it.
     */
    static Double angle(HeaderView h, double unitDegrees, int hdu, String... keywords) throws LoadException {
        for (String k : keywords) {
            Double d = h.number(k);
            if (d != null) {
                return d;
            }
            String s = h.string(k);
            if (s != null && !s.isBlank()) {
                String[] parts = s.trim().split("[:\\s]+");
                if (parts.length < 2 || parts.length > 3) {
                    throw new LoadException("keyword " + k + " in HDU " + hdu + " is not an angle: '" + s + "'");
                }
                try {
                    boolean negative = parts[0].startsWith("-");
                    double v = Math.abs(Double.parseDouble(parts[0]));
                    v += Double.parseDouble(parts[1]) / 60;
                    if (parts.length == 3) {
                        v += Double.parseDouble(parts[2]) / 3600;
                    }
                    return (negative ? -v : v) * unitDegrees;
                } catch (NumberFormatException e) {
                    throw new LoadException("keyword " + k + " in HDU " + hdu + " is not an angle: '" + s + "'");
                }
            }
        }
        return null;
    }

    /**
     * t_min, t_max, t_exptime, t_xel. A combined spectrum of several epochs says so with
     * {@code NCOMBINE = n} and {@code MJD-OBSi}/{@code EXPTIMEi} per epoch: its exposure is the
     * sum, its time range spans all epochs. Otherwise MJD-OBS (or DATE-OBS), EXPTIME (or
     * EXPOSURE/TEXPTIME) and MJD-END when present.
     */
    private static void time(ProductDraft d, HeaderView h, int hdu) throws LoadException {
        Double n = h.number("NCOMBINE");
        if (n != null && n > 1 && h.has("MJD-OBS1")) {
            double sum = 0;
            double tmin = Double.POSITIVE_INFINITY;
            double tmax = Double.NEGATIVE_INFINITY;
            for (int i = 1; i <= n.intValue(); i++) {
                Double t = h.number("MJD-OBS" + i);
                Double e = h.number("EXPTIME" + i);
                if (t == null) {
                    throw LoadException.missingKeyword("MJD-OBS" + i, hdu);
                }
                if (e == null) {
                    throw LoadException.missingKeyword("EXPTIME" + i, hdu);
                }
                sum += e;
                tmin = Math.min(tmin, t);
                tmax = Math.max(tmax, t + e / 86400);
            }
            d.put("t_min", tmin).put("t_max", tmax).put("t_exptime", sum).put("t_xel", 1L);
            return;
        }
        Double start = h.number("MJD-OBS");
        if (start == null && h.has("DATE-OBS")) {
            start = FieldRule.isoToMjd(h.string("DATE-OBS"));
            if (start == null) {
                throw new LoadException("DATE-OBS '" + h.string("DATE-OBS") + "' in HDU " + hdu
                        + " is not an ISO date");
            }
        }
        Double exp = h.first("EXPTIME", "EXPOSURE", "TEXPTIME");
        Double end = h.number("MJD-END");
        if (end == null && start != null && exp != null) {
            end = start + exp / 86400;
        }
        d.put("t_min", start).put("t_max", end).put("t_exptime", exp);
        if (start != null) {
            d.put("t_xel", 1L);
        }
    }
}
