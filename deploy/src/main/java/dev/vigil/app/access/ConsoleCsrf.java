package dev.vigil.app.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import dev.vigil.feedback.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's protection against cross-site request forgery: every request that changes something on behalf of
 * a logged-in browser (a form post, or an {@code /api} call made with the session cookie) must carry the user's token,
 * an HMAC of the user's name that only pages Vigil rendered for that user contain. Scripts with an API key need none:
 * a browser never adds that header by itself. The key is derived from the session encryption key when one is set, so
 * every instance behind a load balancer agrees; otherwise it is random per process (a restart asks for a reload).
 */
@ApplicationScoped
public class ConsoleCsrf {

    /** The header the console's scripts send; form posts carry {@link #FORM_FIELD} instead. */
    public static final String HEADER = "X-Vigil-Csrf";
    public static final String FORM_FIELD = "csrf";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String key;

    public ConsoleCsrf(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.key = sessionKey.filter(k -> !k.isBlank())
                .map(k -> Secrets.hmacSha256Hex(k, "vigil-console-csrf".getBytes(StandardCharsets.UTF_8)))
                .orElseGet(ConsoleCsrf::randomKey);
    }

    public String tokenFor(String user) {
        return Secrets.hmacSha256Hex(key, user.getBytes(StandardCharsets.UTF_8));
    }

    public boolean valid(String user, String presented) {
        return presented != null && Secrets.constantTimeEquals(tokenFor(user), presented.strip());
    }

    public static boolean changesState(String method) {
        return !SAFE_METHODS.contains(method);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
