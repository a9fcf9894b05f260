package meridian.server.vosi;

import static meridian.server.http.ErrorDocument.escape;

import java.util.List;

/**
 * The VOSI capabilities of the SSA service: the SSA 1.1 capability ({@code ssa:SimpleSpectralAccess},
 * SSACapRegExt) with the limits that are enforced, and the VOSI capabilities and availability
 * endpoints; also the capabilities of the SSA service's registry record.
 *
 * @param defaultSize   SIZE default, degrees (cone diameter)
 * @param maxSize       largest SIZE, degrees
 * @param maxrecDefault default MAXREC
 * @param maxrecLimit   hard MAXREC
 * @param testQuery     a queryData parameter string that finds spectra, or null
 */
public record SsaCapabilities(double defaultSize, double maxSize, long maxrecDefault, long maxrecLimit,
                              String testQuery) implements ServiceCapabilities {

    /**
     * The SSA service's capabilities: SSA (SSACapRegExt), VOSI capabilities and availability.
     *
     * @param ssaUrl the service's public URL, e.g. {@code http://host:8080/ssa}
     */
    @Override
    public List<String> capabilities(String ssaUrl) {
        return List.of(ssaCapability(ssaUrl),
                TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#capabilities", ssaUrl + "/capabilities"),
                TapCapabilities.simpleCapability("ivo://ivoa.net/std/VOSI#availability", ssaUrl + "/availability"));
    }

    /** The {@code ssa:SimpleSpectralAccess} capability element (also for registry records). */
    public String ssaCapability(String ssaUrl) {
        StringBuilder sb = new StringBuilder();
        sb.append("  <capability standardID=\"ivo://ivoa.net/std/SSA\" xsi:type=\"ssa:SimpleSpectralAccess\">\n")
                .append("    <description>SSA 1.1 over the spectra of ivoa.obscore. SIZE is the diameter of the search")
                .append(" cone (default ").append(defaultSize).append(" deg). TARGETNAME is matched against the names")
                .append(" and aliases the archive knows. BANDREST (band in the source's rest frame) is")
                .append(" accepted when the archive has redshifts.</description>\n")
                .append(TapCapabilities.stdInterfaces(ssaUrl, "1.1", "      <queryType>GET</queryType>\n"
                        + "      <queryType>POST</queryType>\n      <resultType>application/x-votable+xml</resultType>\n"))
                .append("    <complianceLevel>query</complianceLevel>\n")
                .append("    <dataSource>pointed</dataSource>\n")
                .append("    <creationType>archival</creationType>\n")
                .append("    <supportedFrame>ICRS</supportedFrame>\n")
                .append("    <maxSearchRadius>").append(maxSize / 2).append("</maxSearchRadius>\n")
                .append("    <maxRecords>").append(maxrecLimit).append("</maxRecords>\n")
                .append("    <defaultMaxRecords>").append(maxrecDefault).append("</defaultMaxRecords>\n")
                .append("    <maxAperture>").append(maxSize).append("</maxAperture>\n");
        if (testQuery != null) {
            sb.append("    <testQuery><queryDataCmd>").append(escape(testQuery)).append("</queryDataCmd></testQuery>\n");
        }
        sb.append("  </capability>\n");
        return sb.toString();
    }
}
