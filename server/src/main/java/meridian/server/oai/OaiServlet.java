package meridian.server.oai;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.server.http.ErrorBoundary;
import meridian.server.http.ServiceUrls;

/**
 * {@code /oai}: the OAI-PMH endpoint, GET or POST (form-encoded) alike. OAI-PMH errors are
 * documents with status 200, as the protocol says; only a failure of the server itself is a 500.
 */
public class OaiServlet extends HttpServlet {

    private final transient OaiRepository repository;
    private final transient ServiceUrls urls;
    private final String path;

    /**
     * @param repository answers the requests
     * @param urls       the public base URL
     * @param path       this endpoint's path, e.g. {@code /oai}
     */
    public OaiServlet(OaiRepository repository, ServiceUrls urls, String path) {
        this.repository = repository;
        this.urls = urls;
        this.path = path;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            req.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
            String base = urls.base(req);
            byte[] body = repository.respond(parameters, base + path, base).getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/xml;charset=UTF-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        } catch (RuntimeException e) {
            ErrorBoundary.respond(resp, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doGet(req, resp);
    }
}
