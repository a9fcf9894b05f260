package meridian.server.sia;

import java.util.List;
import meridian.server.vosi.ServiceCapabilities;
import meridian.server.vosi.TapCapabilities;

/**
 * The VOSI capabilities of the SIA 2.0 service and of its registry record: the
 * {@code ivo://ivoa.net/std/SIA#query-2.0} capability (no registry extension, as SIA 2.0 section 2.4
 * shows) on {@code /sia/query}, then VOSI capabilities and availability.
 *
 * @param maxrecDefault records returned without MAXREC
 * @param maxrecLimit   most records returned
 */
public record SiaCapabilities(long maxrecDefault, long maxrecLimit) implements ServiceCapabilities {

    /** The standard identifier of the SIA 2.0 query resource. */
    public static final String STANDARD_ID = "ivo://ivoa.net/std/SIA#query-2.0";

    /** @param siaUrl the service's URL, e.g. {@code http://host/sia} */
    @Override
    public List<String> capabilities(String siaUrl) {
        String query = "  <capability standardID=\"" + STANDARD_ID + "\">\n"
                + "    <description>SIA 2.0 over the images and cubes of ivoa.obscore: POS (CIRCLE, RANGE, POLYGON),"
                + " BAND, TIME, POL, FOV, SPATRES, EXPTIME, TIMERES, SPECRP, ID, COLLECTION, FACILITY, INSTRUMENT,"
                + " DPTYPE, CALIB, TARGET, FORMAT, MAXREC (default " + maxrecDefault + ", at most " + maxrecLimit
                + "), RESPONSEFORMAT (VOTable serialisations).</description>\n"
                + TapCapabilities.stdInterfaces(siaUrl + "/query", "2.0", "      <queryType>GET</queryType>\n"
                        + "      <queryType>POST</queryType>\n"
                        + "      <resultType>application/x-votable+xml</resultType>\n")
                + "  </capability>\n";
        return List.of(query,
                TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#capabilities", siaUrl + "/capabilities"),
                TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#availability", siaUrl + "/availability"));
    }
}
