package dev.vigil.app.access;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.vigil.app.access.NamedSecrets;
import dev.vigil.feedback.Secrets;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who may use the console: the configured users ({@code vigil.console.users}, {@code name:password} or
 * {@code name:bcrypt-hash}) and the API keys ({@code vigil.api.keys}: the key's name as user, the key as password).
 * A user and a key of the same name are the same person to Vigil: what they do is recorded under that name. Quarkus'
 * embedded users realm was not enough here: it knows plain text or MD5 digests only, and one configuration key per
 * user. Made at start, so a malformed entry stops Vigil naming the key.
 */
@Startup
@ApplicationScoped
public class ConsoleAccounts {

    /** Modular-crypt bcrypt: $2a$ / $2b$ / $2y$, cost, 53 characters of salt and hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Logger LOG = Logger.getLogger(ConsoleAccounts.class);

    private final NamedSecrets users;
    private final NamedSecrets apiKeys;

    public ConsoleAccounts(@ConfigProperty(name = "vigil.console.users") Optional<String> users,
            @ConfigProperty(name = "vigil.api.keys") Optional<String> apiKeys) {
        this.users = NamedSecrets.parse("vigil.console.users", users.orElse(""));
        this.apiKeys = NamedSecrets.parse("vigil.api.keys", apiKeys.orElse(""));
        if (this.users.isEmpty()) {
            LOG.info("No console users are configured (vigil.console.users): the console takes API keys only");
        }
    }

    /** Whether the password (or key) is this user's; slow for a bcrypt hash, on purpose. */
    public boolean verify(String name, String password) {
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            return false;
        }
        boolean user = users.secretOf(name).map(secret -> matches(secret, password)).orElse(false);
        boolean key = apiKeys.secretOf(name).map(secret -> Secrets.constantTimeEquals(secret, password)).orElse(false);
        return user || key;
    }

    /** Whether the name is still a user or a key: a session outlives neither. */
    public boolean exists(String name) {
        return name != null && (users.secretOf(name).isPresent() || apiKeys.secretOf(name).isPresent());
    }

    public SecurityIdentity identityOf(String name) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).build();
    }

    private static boolean matches(String secret, String password) {
        if (BCRYPT.matcher(secret).matches()) {
            // $2b$ and $2y$ (htpasswd) hash exactly like $2a$ for the passwords Java strings hold
            return BcryptUtil.matches(password, "$2a$" + secret.substring(4));
        }
        return Secrets.constantTimeEquals(secret, password);
    }
}
