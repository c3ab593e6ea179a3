package dev.vigil.app.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a valid session cookie (which Quarkus decrypted and checked for age) back into the user, as long as the user
 * or key still exists: removing someone from the configuration ends their sessions at the next request.
 */
@ApplicationScoped
public class ConsoleSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final ConsoleAccounts accounts;

    public ConsoleSessionIdentityProvider(ConsoleAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String name = request.getPrincipal();
        if (!accounts.exists(name)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the user no longer exists"));
        }
        return Uni.createFrom().item(accounts.identityOf(name));
    }
}
