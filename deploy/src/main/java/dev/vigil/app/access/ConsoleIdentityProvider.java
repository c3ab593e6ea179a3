package dev.vigil.app.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import dev.vigil.contracts.InputRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks the console's login form (Quarkus form authentication) against {@link ConsoleAccounts}, each attempt after
 * the wait {@link LoginThrottle} gives its user name and client address (a timer, no thread held while it waits), or
 * refused at once when that wait would exceed the maximum delay. Counts {@code vigil_console_logins_total{outcome=
 * success|failure|refused}} and {@code vigil_console_login_delays_total}.
 */
@ApplicationScoped
public class ConsoleIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ConsoleIdentityProvider.class);

    private final ConsoleAccounts accounts;
    private final LoginThrottle throttle;
    private final MeterRegistry registry;

    public ConsoleIdentityProvider(ConsoleAccounts accounts, MeterRegistry registry,
            @ConfigProperty(name = "vigil.console.login-delay") Duration firstDelay,
            @ConfigProperty(name = "vigil.console.login-max-delay") Duration maxDelay,
            @ConfigProperty(name = "vigil.console.login-forget-after") Duration forgetAfter) {
        this.accounts = accounts;
        this.registry = registry;
        this.throttle = new LoginThrottle(firstDelay, maxDelay, forgetAfter, Clock.systemUTC());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String name = request.getUsername();
        String shown = InputRules.printable(name, 64);
        String address = clientAddress(request);
        LoginThrottle.Admission admission = throttle.admit(name, address);
        if (admission.refused()) {
            count("refused");
            if (!admission.quietly()) {
                LOG.warnf("Console login for '%s' from %s refused unchecked (failed attempts before it: %d); the next one"
                        + " is let in after %s", shown, address, admission.earlier(), seconds(admission.delay()));
            }
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed logins, try again later"));
        }
        Uni<Void> turn = Uni.createFrom().voidItem();
        if (!admission.delay().isZero()) {
            registry.counter("vigil.console.login.delays").increment();
            LOG.infof("Console login for '%s' from %s waits %s (failed attempts before it: %d)", shown, address,
                    seconds(admission.delay()), admission.earlier());
            turn = turn.onItem().delayIt().by(admission.delay());
        }
        // bcrypt is slow on purpose: never on the event loop
        return turn.chain(() -> context.runBlocking(() -> {
            if (!accounts.verify(name, new String(request.getPassword().getPassword()))) {
                count("failure");
                LOG.infof("Console login failed for '%s' from %s: unknown user or wrong password", shown, address);
                throw new AuthenticationFailedException("unknown user or wrong password");
            }
            throttle.succeeded(name, address);
            count("success");
            LOG.infof("Console login: %s", name);
            return accounts.identityOf(name);
        }));
    }

    private void count(String outcome) {
        registry.counter("vigil.console.logins", "outcome", outcome).increment();
    }

    /** The client's address as the HTTP layer sees it (behind a proxy: as quarkus.http.proxy.* makes it). */
    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        SocketAddress remote = http == null ? null : http.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private static String seconds(Duration wait) {
        return String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
    }
}
