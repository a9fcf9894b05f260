package meridian.server.vosi;

import static meridian.server.http.ErrorDocument.escape;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import meridian.server.http.MetadataResponse;

/**
 * {@code /tap/examples}: the DALI examples document, XHTML with the RDFa properties of the
 * IVOA examples vocabulary, readable by people and by TOPCAT's and pyvo's example lists. Only
 * examples that run on the archive as it is now are listed ({@link RunnableExamples}).
 */
public class ExamplesServlet extends HttpServlet {

    private final transient RunnableExamples examples;

    /** @param examples the examples that run on the archive as it is now */
    public ExamplesServlet(RunnableExamples examples) {
        this.examples = examples;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MetadataResponse.send(req, resp, "application/xhtml+xml;charset=UTF-8", document(examples.current()),
                examples.changedAt());
    }

    static String document(List<Example> examples) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
                .append("<head><meta charset=\"UTF-8\"/><title>Meridian TAP examples</title></head>\n")
                .append("<body vocab=\"http://www.ivoa.net/rdf/examples#\">\n")
                .append("<h1>Example queries</h1>\n");
        for (Example e : examples) {
            sb.append("<div typeof=\"example\" id=\"").append(escape(e.id())).append("\" resource=\"#")
                    .append(escape(e.id())).append("\">\n")
                    .append("  <h2 property=\"name\">").append(escape(e.name())).append("</h2>\n");
            if (e.description() != null) {
                sb.append("  <p>").append(escape(e.description().strip())).append("</p>\n");
            }
            sb.append("  <pre property=\"query\">").append(escape(e.query())).append("</pre>\n")
                    .append("</div>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }
}
