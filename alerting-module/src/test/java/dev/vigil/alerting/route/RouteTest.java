package dev.vigil.alerting.route;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.dispatch.Alerts;
import dev.vigil.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTest {

    private static final Route TREE = new AlertingConfigLoader(List.of("console", "slack", "pagerduty", "jira"))
            .load(new ByteArrayInputStream("""
                    route:
                      receivers: [console]
                      group-wait: 10s
                      routes:
                        - matchers: ['severity="critical"']
                          receivers: [pagerduty]
                          continue: true
                        - matchers: ['site=~"plant-.*"']
                          receivers: [slack]
                          group-by: [site]
                          routes:
                            - matchers: ['detector="quiet"']
                              receivers: [jira]
                        - matchers: ['site=~"plant-.*"']
                          receivers: [jira]
                    """.getBytes(StandardCharsets.UTF_8)), "routes.yaml").route();

    private static List<List<String>> receivers(dev.vigil.contracts.Alert alert) {
        return TREE.match(alert).stream().map(Route::receivers).toList();
    }

    @Test
    void continueLetsLaterSiblingsMatchAndTheFirstOtherwiseWins() {
        assertThat(receivers(Alerts.firing("t", Severity.CRITICAL, "site=plant-1")))
                .containsExactly(List.of("pagerduty"), List.of("slack"));
        assertThat(receivers(Alerts.firing("t", Severity.WARNING, "site=plant-1"))).containsExactly(List.of("slack"));
    }

    @Test
    void anAlertNoChildTakesStaysAtTheRoot() {
        assertThat(receivers(Alerts.firing("t", Severity.WARNING, "site=office"))).containsExactly(List.of("console"));
        assertThat(receivers(Alerts.firing("t", Severity.CRITICAL, "site=office"))).containsExactly(List.of("pagerduty"));
    }

    @Test
    void childrenInheritTimingAndGroupingUnlessTheySetTheirOwn() {
        Route slack = TREE.routes().get(1);
        assertThat(slack.timing().groupWait()).hasSeconds(10);
        assertThat(slack.groupBy()).containsExactly("site");
        assertThat(slack.routes().get(0).groupBy()).containsExactly("site");
        assertThat(TREE.routes().get(0).groupBy()).containsExactly(Route.ALL_LABELS);
        assertThat(slack.groupKey(Alerts.firing("x", "site=plant-1"))).isEqualTo("route.routes[1]|{site=plant-1}");
    }
}
