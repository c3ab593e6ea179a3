package dev.vigil.app.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.vigil.feedback.Secrets;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API-key authentication for everything under {@code /api}: the header {@code X-Vigil-Api-Key} must equal one of the
 * secrets in {@code vigil.api.keys} ({@code name:secret,name:secret}; set it in the environment, VIGIL_API_KEYS).
 * Every configured key is compared, in constant time. The caller is then known by the key's name (the request's
 * security context principal). Otherwise 401 with {@code {"status": 401, "reason": "..."}}.
 */
@Provider
@PreMatching
public class ApiKeyFilter implements ContainerRequestFilter {

    public static final String HEADER = "X-Vigil-Api-Key";

    private final Map<String, String> secretsByName;

    public ApiKeyFilter(@ConfigProperty(name = "vigil.api.keys") Optional<String> keys) {
        this.secretsByName = parse(keys.orElse(""));
    }

    static Map<String, String> parse(String keys) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : keys.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.strip().length() - 1) {
                throw new IllegalStateException("vigil.api.keys: an entry is not name:secret (entry "
                        + (parsed.size() + 1) + ")");
            }
            parsed.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        return Map.copyOf(parsed);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // normalised as routing sees it, so //api/... or /./api/... cannot slip past the check
        String path = request.getUriInfo().getRequestUri().normalize().getPath().replaceAll("/{2,}", "/");
        if (!(path.equals("/api") || path.startsWith("/api/"))) {
            return;
        }
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isBlank()) {
            abort(request, "missing API key: send it in the " + HEADER + " header");
            return;
        }
        if (secretsByName.isEmpty()) {
            abort(request, "no API keys are configured (vigil.api.keys)");
            return;
        }
        String caller = null;
        for (Map.Entry<String, String> key : secretsByName.entrySet()) {
            if (Secrets.constantTimeEquals(key.getValue(), presented.strip()) && caller == null) {
                caller = key.getKey();
            }
        }
        if (caller == null) {
            abort(request, "unknown API key");
            return;
        }
        String name = caller;
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
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
                return "API key";
            }
        });
    }

    private static void abort(ContainerRequestContext request, String reason) {
        request.abortWith(Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", 401, "reason", reason)).build());
    }
}
