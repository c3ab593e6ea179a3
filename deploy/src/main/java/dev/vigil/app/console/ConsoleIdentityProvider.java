package dev.vigil.app.console;

import dev.vigil.ingest.InputRules;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Checks the console's login form (Quarkus form authentication) against {@link ConsoleAccounts}. */
@ApplicationScoped
public class ConsoleIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ConsoleIdentityProvider.class);

    private final ConsoleAccounts accounts;

    public ConsoleIdentityProvider(ConsoleAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        // bcrypt is slow on purpose: never on the event loop
        return context.runBlocking(() -> {
            String name = request.getUsername();
            if (!accounts.verify(name, new String(request.getPassword().getPassword()))) {
                LOG.infof("Console login refused for '%s'", InputRules.printable(name, 64));
                throw new AuthenticationFailedException("unknown user or wrong password");
            }
            LOG.infof("Console login: %s", name);
            return accounts.identityOf(name);
        });
    }
}
