package dev.vigil.alerting.outbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.Receivers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the outbox and its delivery workers from {@code vigil.notify.delivery.*}, starts the workers once the
 * application is up (resuming what a previous run left pending) and stops them at shutdown, while the database is
 * still open.
 */
public class OutboxSetup {

    /** How long an attempt in flight may finish at shutdown before it is interrupted (and stays pending). */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @Produces
    @Singleton
    Outbox outbox(DataSource dataSource, ObjectMapper json,
            @ConfigProperty(name = "vigil.notify.delivery.backoff", defaultValue = "1s") Duration backoff,
            @ConfigProperty(name = "vigil.notify.delivery.max-backoff", defaultValue = "5m") Duration maxBackoff,
            @ConfigProperty(name = "vigil.notify.delivery.deadline", defaultValue = "1h") Duration deadline,
            @ConfigProperty(name = "vigil.notify.delivery.claim-lease", defaultValue = "2m") Duration claimLease,
            @ConfigProperty(name = "vigil.instance-id") Optional<String> instanceId) {
        RetryPolicy policy;
        try {
            policy = new RetryPolicy(backoff, maxBackoff, deadline);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vigil.notify.delivery.backoff / max-backoff / deadline: " + e.getMessage(), e);
        }
        try {
            return new Outbox(dataSource, json, policy, Clock.systemUTC(), instanceId.orElseGet(OutboxSetup::hostName),
                    claimLease);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vigil.instance-id / vigil.notify.delivery.claim-lease: " + e.getMessage(), e);
        }
    }

    /** The default instance id: the host's name, the same after a restart and, as a rule, different per node. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Produces
    @Singleton
    DeliveryWorkers workers(Receivers receivers, Outbox outbox, MeterRegistry registry,
            @ConfigProperty(name = "vigil.notify.delivery.poll-ms", defaultValue = "500") long pollMs,
            @ConfigProperty(name = "vigil.database.retry.backoff", defaultValue = "500ms") Duration backoff,
            @ConfigProperty(name = "vigil.database.retry.max-backoff", defaultValue = "10s") Duration maxBackoff) {
        if (pollMs < 1) {
            throw new IllegalStateException("vigil.notify.delivery.poll-ms must be at least 1, got " + pollMs);
        }
        try {
            return new DeliveryWorkers(receivers.enabled(), outbox, registry, Clock.systemUTC(), pollMs, backoff, maxBackoff);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vigil.database.retry.backoff / max-backoff: " + e.getMessage(), e);
        }
    }

    void start(@Observes StartupEvent event, DeliveryWorkers workers) {
        workers.start();
    }

    void stop(@Observes ShutdownEvent event, DeliveryWorkers workers) {
        workers.stop(SHUTDOWN_GRACE);
    }
}
