package meridian.server.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The service's public base URL: the configured {@code service.base_url}, or, when that is
 * empty, the scheme, host and port the client used (so capabilities work on any host name).
 */
public final class ServiceUrls {

    private final String configured;

    public ServiceUrls(String configuredBaseUrl) {
        this.configured = configuredBaseUrl == null || configuredBaseUrl.isBlank()
                ? null : stripSlash(configuredBaseUrl.trim());
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    public String base(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
