package meridian.server.scs;

import static meridian.server.http.ErrorDocument.escape;

import java.util.List;
import meridian.server.vosi.ServiceCapabilities;
import meridian.server.vosi.TapCapabilities;

/**
 * The VOSI capabilities of one table's cone search ({@code /scs/<schema>.<table>/capabilities})
 * and of its registry record: the {@code cs:ConeSearch} capability (ConeSearch registry extension
 * 1.0) with the limits {@link ScsServlet} enforces and {@code verbosity} true, then VOSI
 * capabilities and availability. The standard interface's access URL is the SCS base URL
 * ({@code .../scs/<schema>.<table>?}).
 *
 * @param table  {@code schema.table}, for the description
 * @param limits the limits enforced
 */
public record ScsCapabilities(String table, ScsParameters.Limits limits) implements ServiceCapabilities {

    /** The standard identifier of Simple Cone Search. */
    public static final String STANDARD_ID = "ivo://ivoa.net/std/ConeSearch";

    /** @param serviceUrl the cone search's URL without the {@code ?}, e.g. {@code http://host/scs/demo.sources} */
    @Override
    public List<String> capabilities(String serviceUrl) {
        return List.of(coneCapability(serviceUrl),
                TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#capabilities", serviceUrl + "/capabilities"),
                TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#availability", serviceUrl + "/availability"));
    }

    private String coneCapability(String serviceUrl) {
        String params = "      <queryType>GET</queryType>\n"
                + "      <resultType>text/xml</resultType>\n"
                + param("RA", "Right ascension of the cone centre, ICRS, decimal degrees", "deg", "pos.eq.ra", "double")
                + param("DEC", "Declination of the cone centre, ICRS, decimal degrees", "deg", "pos.eq.dec", "double")
                + param("SR", "Radius of the cone, decimal degrees (0: the fields only)", "deg",
                        "phys.angSize", "double")
                + param("VERB", "Columns returned: 1 identifier and position, 2 principal columns (default),"
                        + " 3 all columns", null, null, "int")
                + param("MAXREC", "Most rows to return (DALI; 0: the fields only)", null, null, "int");
        return "  <capability standardID=\"" + STANDARD_ID + "\" xsi:type=\"cs:ConeSearch\">\n"
                + "    <description>Simple Cone Search 1.03 on " + escape(table) + ": rows whose position lies"
                + " within SR degrees of (RA, DEC). VERB=1 returns the identifier and position, 2 the principal"
                + " columns, 3 every column. Errors are VOTables with an INFO named Error.</description>\n"
                + TapCapabilities.stdInterfaces(serviceUrl + "?", "1.03", params)
                + "    <maxSR>" + limits.maxSr() + "</maxSR>\n"
                + "    <maxRecords>" + Math.max(1, limits.maxrecLimit()) + "</maxRecords>\n"
                + "    <verbosity>true</verbosity>\n"
                + "  </capability>\n";
    }

    private static String param(String name, String description, String unit, String ucd, String type) {
        return "      <param std=\"true\">\n"
                + "        <name>" + name + "</name>\n"
                + "        <description>" + escape(description) + "</description>\n"
                + (unit == null ? "" : "        <unit>" + unit + "</unit>\n")
                + (ucd == null ? "" : "        <ucd>" + ucd + "</ucd>\n")
                + "        <dataType>" + type + "</dataType>\n"
                + "      </param>\n";
    }
}
