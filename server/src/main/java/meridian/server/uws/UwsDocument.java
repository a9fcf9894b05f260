package meridian.server.uws;

import static meridian.server.http.ErrorDocument.escape;

import java.util.List;
import java.util.Map;

/**
 * The UWS 1.1 XML documents (namespace {@code http://www.ivoa.net/xml/UWS/v1.0}, version 1.1):
 * the job list, a job, its parameters and its results. Element order follows the schema.
 * Stateless.
 */
public final class UwsDocument {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NS = " xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\""
            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private UwsDocument() {
    }

    /** {@code uws:jobs}: one jobref per job, {@code listUrl} being the job list URL. */
    public static String jobList(List<JobState> jobs, String listUrl) {
        StringBuilder sb = new StringBuilder(HEAD).append("<uws:jobs").append(NS).append(" version=\"1.1\">\n");
        for (JobState j : jobs) {
            sb.append("  <uws:jobref id=\"").append(escape(j.id())).append("\" xlink:type=\"simple\" xlink:href=\"")
                    .append(escape(listUrl + "/" + j.id())).append("\">\n")
                    .append("    <uws:phase>").append(j.phase()).append("</uws:phase>\n");
            if (j.runId() != null) {
                sb.append("    <uws:runId>").append(escape(j.runId())).append("</uws:runId>\n");
            }
            sb.append(ownerId("    ", j))
                    .append("    <uws:creationTime>").append(j.creationTime()).append("</uws:creationTime>\n")
                    .append("  </uws:jobref>\n");
        }
        return sb.append("</uws:jobs>\n").toString();
    }

    private static String ownerId(String indent, JobState j) {
        return j.owner() == null ? indent + "<uws:ownerId xsi:nil=\"true\"/>\n"
                : indent + "<uws:ownerId>" + escape(j.owner()) + "</uws:ownerId>\n";
    }

    /** {@code uws:job}: the whole job, {@code jobUrl} being its URL. */
    public static String job(JobState j, String jobUrl) {
        StringBuilder sb = new StringBuilder(HEAD).append("<uws:job").append(NS).append(" version=\"1.1\">\n");
        sb.append("  <uws:jobId>").append(escape(j.id())).append("</uws:jobId>\n");
        if (j.runId() != null) {
            sb.append("  <uws:runId>").append(escape(j.runId())).append("</uws:runId>\n");
        }
        sb.append(ownerId("  ", j))
                .append("  <uws:phase>").append(j.phase()).append("</uws:phase>\n")
                .append(j.quote() == null ? "  <uws:quote xsi:nil=\"true\"/>\n"
                        : "  <uws:quote>" + j.quote() + "</uws:quote>\n")
                .append("  <uws:creationTime>").append(j.creationTime()).append("</uws:creationTime>\n")
                .append(time("startTime", j.startTime()))
                .append(time("endTime", j.endTime()))
                .append("  <uws:executionDuration>").append(j.executionDuration()).append("</uws:executionDuration>\n")
                .append(time("destruction", j.destruction()));
        sb.append(parametersElement(j.parameters(), "  "));
        sb.append(resultsElement(j, jobUrl, "  "));
        if (j.phase() == ExecutionPhase.ERROR && j.error() != null) {
            sb.append("  <uws:errorSummary type=\"fatal\" hasDetail=\"true\">\n")
                    .append("    <uws:message>").append(escape(j.error())).append("</uws:message>\n")
                    .append("  </uws:errorSummary>\n");
        }
        return sb.append("</uws:job>\n").toString();
    }

    /** {@code uws:parameters} as a document of its own. */
    public static String parameters(JobState j) {
        return HEAD + parametersElement(j.parameters(), "").replaceFirst("<uws:parameters", "<uws:parameters" + NS);
    }

    /** {@code uws:results} as a document of its own. */
    public static String results(JobState j, String jobUrl) {
        return HEAD + resultsElement(j, jobUrl, "").replaceFirst("<uws:results", "<uws:results" + NS);
    }

    private static String time(String element, String value) {
        return value == null
                ? "  <uws:" + element + " xsi:nil=\"true\"/>\n"
                : "  <uws:" + element + ">" + value + "</uws:" + element + ">\n";
    }

    private static String parametersElement(Map<String, List<String>> params, String in) {
        StringBuilder sb = new StringBuilder(in).append("<uws:parameters>\n");
        params.forEach((name, values) -> {
            for (String v : values) {
                sb.append(in).append("  <uws:parameter id=\"").append(escape(name.toLowerCase(java.util.Locale.ROOT)))
                        .append("\">").append(escape(v)).append("</uws:parameter>\n");
            }
        });
        return sb.append(in).append("</uws:parameters>\n").toString();
    }

    private static String resultsElement(JobState j, String jobUrl, String in) {
        StringBuilder sb = new StringBuilder(in).append("<uws:results>\n");
        for (JobResult r : j.results()) {
            sb.append(in).append("  <uws:result id=\"").append(escape(r.id())).append("\" xlink:type=\"simple\"")
                    .append(" xlink:href=\"").append(escape(jobUrl + "/results/" + r.id())).append("\"")
                    .append(" size=\"").append(r.size()).append("\" mime-type=\"").append(escape(r.mimeType()))
                    .append("\"/>\n");
        }
        return sb.append(in).append("</uws:results>\n").toString();
    }
}
