package meridian.datalink;

import java.util.List;
import java.util.Locale;

/**
 * DataLink service descriptors ({@code <RESOURCE type="meta" utype="adhoc:service">}, DataLink
 * 1.1 section 4): the one TAP and SSA results carry so clients can follow a row's identifier to
 * its links, and the SODA descriptors of a links document. Stateless.
 */
public final class ServiceDescriptors {

    /** DataLink 1.1 links endpoint. */
    public static final String LINKS_STANDARD_ID = "ivo://ivoa.net/std/DataLink#links-1.1";
    /** SODA 1.0 synchronous endpoint. */
    public static final String SODA_SYNC_STANDARD_ID = "ivo://ivoa.net/std/SODA#sync-1.0";
    /** Path of the links endpoint below the service's base URL. */
    public static final String LINKS_PATH = "/datalink/links";
    /** Path of the SODA sync endpoint below the service's base URL. */
    public static final String SODA_PATH = "/soda/sync";
    /** The formats a spectrum can be served in, besides its own file. */
    public static final List<String> SPECTRUM_FORMATS = List.of("application/fits",
            "application/x-votable+xml", "text/csv", "text/x-ecsv", SimplifiedSpectrum.MIME);

    private ServiceDescriptors() {
    }

    /**
     * True when a result column holds product identifiers DataLink resolves: ObsCore's
     * obs_publisher_did (by its utype, so aliases keep it) or product_files.product_id.
     */
    public static boolean isIdentifierColumn(String name, String ucd, String utype) {
        if (utype != null && utype.toLowerCase(Locale.ROOT).endsWith("curation.publisherdid")) {
            return true;
        }
        return "meta.ref.ivoid".equals(ucd) && name != null
                && (name.equalsIgnoreCase("product_id") || name.equalsIgnoreCase("obs_publisher_did"));
    }

    /**
     * The descriptor for a result table whose FIELD {@code fieldId} holds product identifiers:
     * clients call {@code <baseUrl>/datalink/links?ID=<value of that column>}. This is what TAP
     * and SSA append after their results RESOURCE.
     *
     * @param fieldId the {@code ID} attribute of the identifier FIELD
     * @param baseUrl the service's public base URL, without a trailing slash
     */
    public static String forIdentifierColumn(String fieldId, String baseUrl) {
        return "<RESOURCE type=\"meta\" utype=\"adhoc:service\" name=\"links\">\n"
                + "<DESCRIPTION>DataLink: the files, previews and cutout services of each product</DESCRIPTION>\n"
                + Xml.charParam("standardID", LINKS_STANDARD_ID, null)
                + Xml.charParam("accessURL", baseUrl + LINKS_PATH, null)
                + "<GROUP name=\"inputParams\">\n"
                + "<PARAM name=\"ID\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id;meta.main\" ref=\""
                + Xml.escape(fieldId) + "\" value=\"\"/>\n"
                + "</GROUP>\n</RESOURCE>\n";
    }

    /**
     * The SODA sync descriptor of one product, with the ID fixed and only the parameters that
     * apply to it, their ranges taken from the product's own bounds.
     *
     * @param descriptorId the RESOURCE's ID, referenced by the link row's service_def
     */
    public static String soda(String descriptorId, String baseUrl, Product p) {
        StringBuilder sb = new StringBuilder();
        sb.append("<RESOURCE type=\"meta\" utype=\"adhoc:service\" ID=\"").append(Xml.escape(descriptorId))
                .append("\" name=\"").append(Xml.escape(descriptorId)).append("\">\n")
                .append("<DESCRIPTION>SODA cutout of ").append(Xml.escape(p.id())).append("</DESCRIPTION>\n")
                .append(Xml.charParam("standardID", SODA_SYNC_STANDARD_ID, null))
                .append(Xml.charParam("accessURL", baseUrl + SODA_PATH, null))
                .append("<GROUP name=\"inputParams\">\n")
                .append(Xml.charParam("ID", p.id(), "meta.id;meta.dataset"));
        if (p.isImage() || p.isCube()) {
            String max = p.sRa() == null || p.sDec() == null ? null
                    : fmt(p.sRa()) + " " + fmt(p.sDec()) + " " + fmt(p.sFov() == null ? 1 : p.sFov());
            sb.append(doubleParam("CIRCLE", "3", "deg", "obs.field", "circle",
                    "A circle (ra dec radius) to cut out", null, max));
            sb.append(doubleParam("POLYGON", "*", "deg", "obs.field", "polygon",
                    "A polygon (ra1 dec1 ra2 dec2 ...) to cut out", null, null));
            sb.append("<PARAM name=\"POS\" datatype=\"char\" arraysize=\"*\" ucd=\"obs.field\" value=\"\">"
                    + "<DESCRIPTION>A DALI shape to cut out: CIRCLE ra dec r, RANGE ra1 ra2 dec1 dec2,"
                    + " POLYGON ra1 dec1 ...</DESCRIPTION></PARAM>\n");
        }
        if ((p.isSpectrum() || p.isCube()) && p.emMin() != null && p.emMax() != null) {
            sb.append(doubleParam("BAND", "2", "m", "em.wl;stat.interval", "interval",
                    "Vacuum wavelength interval to keep (lower upper, metres)", fmt(p.emMin()), fmt(p.emMax())));
            if (p.redshift() != null) {
                double f = 1 + p.redshift();
                sb.append(doubleParam("BANDREST", "2", "m", "em.wl;stat.interval", "interval",
                        "Vacuum wavelength interval to keep in the source's rest frame (lower upper, metres;"
                                + " z = " + fmt(p.redshift()) + "); Meridian extension, as SSA's BANDREST",
                        fmt(p.emMin() / f), fmt(p.emMax() / f)));
            }
        }
        if (p.isSpectrum()) {
            sb.append(responseFormat());
        }
        sb.append("</GROUP>\n</RESOURCE>\n");
        return sb.toString();
    }

    /** The descriptor of the format conversion of a spectrum ({@code #proc}). */
    public static String conversion(String descriptorId, String baseUrl, Product p) {
        return "<RESOURCE type=\"meta\" utype=\"adhoc:service\" ID=\"" + Xml.escape(descriptorId)
                + "\" name=\"" + Xml.escape(descriptorId) + "\">\n"
                + "<DESCRIPTION>The spectrum " + Xml.escape(p.id()) + " in another format</DESCRIPTION>\n"
                + Xml.charParam("standardID", SODA_SYNC_STANDARD_ID, null)
                + Xml.charParam("accessURL", baseUrl + SODA_PATH, null)
                + "<GROUP name=\"inputParams\">\n"
                + Xml.charParam("ID", p.id(), "meta.id;meta.dataset")
                + responseFormat()
                + "</GROUP>\n</RESOURCE>\n";
    }

    private static String responseFormat() {
        StringBuilder sb = new StringBuilder("<PARAM name=\"RESPONSEFORMAT\" datatype=\"char\" arraysize=\"*\""
                + " ucd=\"meta.code.mime\" value=\"application/fits\">"
                + "<DESCRIPTION>Format of the spectrum</DESCRIPTION><VALUES>");
        for (String f : SPECTRUM_FORMATS) {
            sb.append("<OPTION value=\"").append(Xml.escape(f)).append("\"/>");
        }
        return sb.append("</VALUES></PARAM>\n").toString();
    }

    private static String doubleParam(String name, String arraysize, String unit, String ucd, String xtype,
                                      String description, String min, String max) {
        StringBuilder sb = new StringBuilder("<PARAM name=\"" + name + "\" datatype=\"double\" arraysize=\""
                + arraysize + "\" unit=\"" + unit + "\" ucd=\"" + ucd + "\" xtype=\"" + xtype + "\" value=\"\">"
                + "<DESCRIPTION>" + Xml.escape(description) + "</DESCRIPTION>");
        if (min != null || max != null) {
            sb.append("<VALUES>");
            if (min != null) {
                sb.append("<MIN value=\"").append(min).append("\"/>");
            }
            if (max != null) {
                sb.append("<MAX value=\"").append(max).append("\"/>");
            }
            sb.append("</VALUES>");
        }
        return sb.append("</PARAM>\n").toString();
    }

    static String fmt(double v) {
        return Double.toString(v);
    }
}
