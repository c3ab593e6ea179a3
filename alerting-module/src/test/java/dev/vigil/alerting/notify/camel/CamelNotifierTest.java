package dev.vigil.alerting.notify.camel;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.store.AlertJson;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The camel integration on a real Camel context: what cannot be made stops the start, what fails is retried. */
class CamelNotifierTest {

    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() {
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private CamelNotifier notifier(String uri) {
        return new CamelNotifier(Optional.of(uri), camel, new AlertJson(new ObjectMapper()));
    }

    @Test
    void anEndpointCamelCannotMakeIsAMisconfigurationNamingTheUri() {
        assertThat(notifier("nosuchscheme:alerts").misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("nosuchscheme:alerts"));
        assertThat(notifier("file:/tmp/x?noSuchOption=true").misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("noSuchOption"));
        assertThat(new CamelNotifier(Optional.empty(), camel, new AlertJson(new ObjectMapper())).misconfiguration())
                .hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.camel.uri"));
        assertThat(notifier("direct:alerts").misconfiguration()).isEmpty();
    }

    @Test
    void anEndpointThatFailsTheExchangeIsWorthARetry() {
        // a direct: endpoint nobody consumes fails every exchange, as a route that is stopped would
        assertThatThrownBy(() -> notifier("direct:nobody?timeout=100").send(TestAlerts.delivery(TestAlerts.firing())))
                .isInstanceOfSatisfying(NotificationException.class,
                        e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("direct:nobody");
    }
}
