package meridian.server.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import meridian.server.http.FilterErrors;
import meridian.server.http.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code Authorization} header into the request's {@link Identity}: none is
 * anonymous; {@code Basic} is checked against the user store's password hashes, {@code Bearer}
 * against its tokens. Wrong, unknown or malformed credentials are a 401 with
 * {@code WWW-Authenticate} challenges for both (an API client cannot follow a login page), and
 * the message never says whether the user exists. Servlets read the result with {@link #identity}.
 */
public final class AuthFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
    private static final String ATTRIBUTE = Identity.class.getName();
    private static final String WRONG = "the credentials are wrong, unknown or revoked";

    private final UserStore users;
    private final FilterErrors errors;

    public AuthFilter(UserStore users) {
        this(users, FilterErrors.DALI);
    }

    /** @param errors the form of the 401 answers, by the protocol of the request */
    public AuthFilter(UserStore users, FilterErrors errors) {
        this.users = users;
        this.errors = errors;
    }

    /** The identity {@link AuthFilter} found for this request (anonymous when it did not run). */
    public static Identity identity(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof Identity i ? i : Identity.ANONYMOUS;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        Optional<Identity> identity;
        try {
            identity = authenticate(req.getHeader("Authorization"));
        } catch (Fault f) {
            // for the operators (and fail2ban-style tools): who and from where, never what was sent
            LOG.info("authentication refused from {}: {}", req.getRemoteAddr(), f.getMessage());
            errors.respond(req, (HttpServletResponse) response, f);
            return;
        }
        req.setAttribute(ATTRIBUTE, identity.orElse(Identity.ANONYMOUS));
        chain.doFilter(request, response);
    }

    /** The identity of an {@code Authorization} header value; empty for none; 401 when wrong. */
    Optional<Identity> authenticate(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.trim();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        String value = space < 0 ? "" : h.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(users.checkToken(value).orElseThrow(() -> Fault.unauthenticated(WRONG)));
        }
        if (!scheme.equalsIgnoreCase("Basic")) {
            throw Fault.unauthenticated("unsupported authentication scheme: use Basic or Bearer");
        }
        char[] decoded = basic(value);
        try {
            int colon = indexOf(decoded, ':');
            if (colon <= 0) {
                throw Fault.unauthenticated(WRONG);
            }
            String user = new String(decoded, 0, colon);
            char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            try {
                return Optional.of(users.checkPassword(user, password).orElseThrow(() -> Fault.unauthenticated(WRONG)));
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(decoded, '\0');
        }
    }

    private static char[] basic(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            Arrays.fill(bytes, (byte) 0);
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw Fault.unauthenticated("malformed Basic credentials");
        }
    }

    private static int indexOf(char[] a, char c) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
