package dev.vigil.app.access;

import java.security.Principal;
import java.util.Optional;

import dev.vigil.app.access.ConsoleCsrf;
import dev.vigil.app.access.Rejection;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authentication for everything under {@code /api}, for scripts and for the console alike:
 * <ul>
 * <li>the header {@code X-Vigil-Api-Key} (or, without it, a bearer token: {@code Authorization: Bearer <key>}) equal
 * to one of the secrets in {@code vigil.api.keys} ({@code name:secret,...};
 * set it in the environment, VIGIL_API_KEYS), every key compared in constant time; the caller is the key's name. A
 * key, when sent, is always what counts, even beside a session cookie;</li>
 * <li>or, without the header, the console's login session (Quarkus form authentication); the caller is the user's
 * name. A request that changes state must then also carry the user's CSRF token in {@code X-Vigil-Csrf}
 * ({@link ConsoleCsrf}), which only pages Vigil rendered for that user hold.</li>
 * </ul>
 * Otherwise 401 (403 for a missing or wrong CSRF token) with {@code {"status": ..., "reason": "..."}}.
 */
@Provider
@PreMatching
public class ApiKeyFilter implements ContainerRequestFilter {

    public static final String HEADER = "X-Vigil-Api-Key";
    private static final String BEARER = "Bearer ";

    private final NamedSecrets keys;
    private final ConsoleCsrf csrf;

    public ApiKeyFilter(@ConfigProperty(name = "vigil.api.keys") Optional<String> keys, ConsoleCsrf csrf) {
        this.keys = NamedSecrets.parse("vigil.api.keys", keys.orElse(""));
        this.csrf = csrf;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // normalised as routing sees it, so //api/... or /./api/... cannot slip past the check
        String path = request.getUriInfo().getRequestUri().normalize().getPath().replaceAll("/{2,}", "/");
        if (!(path.equals("/api") || path.startsWith("/api/"))) {
            return;
        }
        String presented = presentedKey(request);
        if (presented == null || presented.isBlank()) {
            checkSession(request);
            return;
        }
        if (keys.isEmpty()) {
            abort(request, 401, "no API keys are configured (vigil.api.keys)");
            return;
        }
        Optional<String> caller = keys.nameOf(presented);
        if (caller.isEmpty()) {
            abort(request, 401, "unknown API key");
            return;
        }
        request.setSecurityContext(new Caller(caller.get(), "API key", isSecure(request)));
    }

    /**
     * The key in {@value #HEADER}, else a bearer token ({@code Authorization: Bearer <key>}): what clients that cannot
     * name a header of their own send, such as Prometheus' remote write ({@code authorization: credentials}).
     */
    private static String presentedKey(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key != null && !key.isBlank()) {
            return key;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
    }

    /** Without a key, the console's session is the caller, if there is one (the form mechanism already read it). */
    private void checkSession(ContainerRequestContext request) {
        SecurityContext session = request.getSecurityContext();
        Principal user = session == null ? null : session.getUserPrincipal();
        if (user == null || user.getName() == null || user.getName().isEmpty()) {
            abort(request, 401, "missing API key: send it in the " + HEADER + " header (or log in to the console)");
            return;
        }
        if (ConsoleCsrf.changesState(request.getMethod()) && !csrf.valid(user.getName(), request.getHeaderString(ConsoleCsrf.HEADER))) {
            abort(request, 403, "missing or wrong CSRF token: a console session must send it in the " + ConsoleCsrf.HEADER
                    + " header");
            return;
        }
        // said outright, so what records the caller can tell a console user (feedback's channel "console") from a key
        request.setSecurityContext(new Caller(user.getName(), SecurityContext.FORM_AUTH, isSecure(request)));
    }

    private static boolean isSecure(ContainerRequestContext request) {
        return request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    }

    private static void abort(ContainerRequestContext request, int status, String reason) {
        request.abortWith(Rejection.of(status, reason));
    }

    /**
     * The security context of an accepted request: the key's name and {@code "API key"}, or the console user's name
     * and {@link SecurityContext#FORM_AUTH}.
     */
    private record Caller(String name, String scheme, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
