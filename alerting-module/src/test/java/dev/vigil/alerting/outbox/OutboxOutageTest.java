package dev.vigil.alerting.outbox;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.alerting.NotificationRoutes;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.notify.webhook.WebhookNotifier;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.alerting.store.DatabaseRetry;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.tools.Server;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification path (the {@code alerts} route of {@link NotificationRoutes} in a Camel context, the alert store,
 * the dispatcher, the outbox and a delivery worker telling a webhook) over a real H2 server that is stopped while
 * alerts arrive and started again: nothing is dropped, each alert is stored and told once, in the order it came,
 * under its own id; once the alerts queue is full, whoever hands alerts on waits instead of losing one; and a write
 * whose commit was done although its answer was lost is not written twice. Chosen
 * over the whole application so the outage can fall exactly between an alert's firing and its resolve; the
 * application-level test on PostgreSQL is deploy's {@code DatabaseOutageTest}.
 */
class OutboxOutageTest {

    private static final String HOOK = "/hooks/vigil";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(400);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension stub = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
    @TempDir
    Path folder;
    Server server;
    int port;
    AgroalDataSource db;
    AlertStore store;
    DeliveryWorkers workers;
    CamelContext camel;
    ProducerTemplate sources;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void startDatabase() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).willReturn(ok()));
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", folder.toString()).start();
        port = server.getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/vigil";
        new TestDatabase(url).migrated();
        // a pool as Quarkus makes one: a connection the database broke is dropped, not lent again
        db = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(4).exceptionSorter(e -> "90067".equals(e.getSQLState())) // H2: the connection is broken
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url))));
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (workers != null) {
            workers.stop(Duration.ZERO);
        }
        db.close();
        server.stop();
    }

    /** Starts the notification path on the database, with the alerting file given. */
    private void startVigil(String alerting) throws Exception {
        store = new AlertStore(db, JSON);
        Outbox outbox = new Outbox(db, JSON, new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofHours(1)), Clock.systemUTC());
        WebhookNotifier webhook = new WebhookNotifier(Optional.of(URI.create(stub.baseUrl() + HOOK)), Optional.empty(), JSON, NotificationTemplates.shipped());
        workers = new DeliveryWorkers(Map.of(webhook.name(), webhook), outbox, registry, Clock.systemUTC(), 50, BACKOFF,
                MAX_BACKOFF);
        NotificationRoutes routes = new NotificationRoutes(store, outbox, workers, registry,
                OutboxDeliveryTest.dispatcher(alerting, List.of(webhook.name())), new Silences(Clock.systemUTC(), List.of()),
                100, 1000, Duration.ofDays(5), Duration.ofDays(30), BACKOFF, MAX_BACKOFF);
        camel = new DefaultCamelContext();
        camel.addRoutes(routes);
        camel.start();
        workers.start();
        sources = camel.createProducerTemplate();
    }

    /** The database goes away: its server stops, every connection to it breaks. */
    private void cutDatabase() {
        server.stop();
    }

    /** The database is back, on the same port with the same data. */
    private void restoreDatabase() throws SQLException {
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", folder.toString())
                .start();
    }

    private static Alert firing(String id, String entity) {
        Explanation why = new Explanation("mean", 90, 20, 2, List.of(new Finding("robust-z", 35, 3.5, entity + " runs hot")));
        return new Alert(id, "fp-" + entity, AlertStatus.FIRING, Severity.CRITICAL, "mqtt", entity, "metric-baseline",
                T0, null, entity + " is anomalous", why, new TreeMap<>(Map.of("site", "plant-1")));
    }

    /** What the webhook was told, oldest first: {@code <status> <alert id>}. */
    private static List<String> told() {
        List<String> told = new ArrayList<>();
        for (var request : stub.findAll(postRequestedFor(urlEqualTo(HOOK)))) {
            try {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                told.add(body.path("status").asText() + " " + body.path("vigil").path("alertId").asText());
            } catch (Exception e) {
                throw new AssertionError("the webhook got a body that is not JSON: " + request.getBodyAsString(), e);
            }
        }
        return told;
    }

    private String statusOf(String id) throws SQLException {
        return store.byId(id).map(a -> a.status().name()).orElse("not stored");
    }

    private double waiting() {
        return registry.get("vigil.alerts.waiting").gauge().value();
    }

    @Test
    void alertsArrivingWhileTheDatabaseIsDownAreStoredAndToldOnceInOrderUnderTheirOwnIds() throws Exception {
        startVigil("route: {receivers: [webhook]}");
        Alert a1 = firing("a1", "pump-a");
        sources.sendBody(AlertingEndpoints.ALERTS, a1);
        await().atMost(WAIT).until(() -> told().equals(List.of("firing a1")));

        cutDatabase();
        // pump-a resolves and fires again as a new incident, pump-b fires and resolves, pump-c fires: all meanwhile
        Alert b1 = firing("b1", "pump-b");
        Alert a2 = firing("a2", "pump-a");
        for (Alert alert : List.of(a1.resolved(T0.plusSeconds(600)), b1, b1.resolved(T0.plusSeconds(300)), a2,
                firing("c1", "pump-c"))) {
            sources.sendBody(AlertingEndpoints.ALERTS, alert);
        }
        // the database stays away for three seconds: nobody is told what it does not hold, and nothing is dropped
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> told().equals(List.of("firing a1")));
        assertThat(waiting()).as("alerts queued behind the one in hand").isEqualTo(4);

        restoreDatabase();
        await().atMost(WAIT).untilAsserted(() -> assertThat(told())
                .as("each state of each alert told once, in the order it came, under its own id")
                .containsExactly("firing a1", "resolved a1", "firing b1", "resolved b1", "firing a2", "firing c1"));
        assertThat(List.of(statusOf("a1"), statusOf("b1"), statusOf("a2"), statusOf("c1")))
                .containsExactly("RESOLVED", "RESOLVED", "FIRING", "FIRING");
        await().atMost(WAIT).until(() -> pendingDeliveries() == 0);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> told().size() == 6);
    }

    @Test
    void aFullAlertsQueueHoldsTheSourcesBackAndLosesNothing() throws Exception {
        // the bulk is one silenced series: this is about storing and waiting, not telling
        startVigil("""
                route: {receivers: [webhook]}
                silences:
                  - {matchers: ['entity=~"bulk-.*"'], creator: test, comment: bulk, ends-at: 2099-01-01T00:00:00Z}
                """);
        cutDatabase();
        int capacity = camel.getEndpoint(AlertingEndpoints.ALERTS, SedaEndpoint.class).getSize();
        int total = capacity + 2;
        AtomicInteger handedOn = new AtomicInteger();
        Thread source = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                sources.sendBody(AlertingEndpoints.ALERTS, firing("bulk-" + i, "bulk-series"));
                handedOn.incrementAndGet();
            }
        }, "test-source");
        source.start();

        // one alert in hand, the queue full: the source waits at the next one
        await().atMost(WAIT).until(() -> handedOn.get() == capacity + 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> handedOn.get() == capacity + 1);
        assertThat(source.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);

        restoreDatabase();
        source.join(WAIT.toMillis());
        assertThat(handedOn.get()).isEqualTo(total);
        await().atMost(WAIT).until(() -> storedAlerts() == total);
        assertThat(statusOf("bulk-0")).isEqualTo("FIRING");
        assertThat(statusOf("bulk-" + (total - 1))).isEqualTo("FIRING");
    }

    @Test
    void aWriteWhoseCommitWasDoneButWhoseAnswerWasLostIsNotWrittenAgain() throws Exception {
        Outbox outbox = new Outbox(losingTheFirstCommitAnswer(db), JSON, new RetryPolicy(Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofHours(1)), Clock.systemUTC());
        AtomicInteger outages = new AtomicInteger();
        DatabaseRetry retry = new DatabaseRetry(Logger.getLogger(OutboxOutageTest.class), BACKOFF, MAX_BACKOFF,
                new DatabaseRetry.Outage() {
                    @Override
                    public String started() {
                        outages.incrementAndGet();
                        return "the test's notification waits";
                    }

                    @Override
                    public String ended(Duration lasted) {
                        return "it is stored";
                    }
                });

        outbox.enqueue(OutboxDeliveryTest.dispatcher("route: {receivers: [webhook]}", List.of("webhook"))
                .accept(firing("a1", "pump-a"), Instant.now()), retry);

        assertThat(outages.get()).as("the lost answer looked like an outage, and was retried").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_notification")).as("notifications").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery")).as("deliveries").isEqualTo(1);
    }

    /**
     * The database behind a network that loses the answer to the first commit: the commit is done, and its caller
     * hears that the connection broke.
     */
    private static DataSource losingTheFirstCommitAnswer(DataSource real) {
        AtomicInteger commits = new AtomicInteger();
        InvocationHandler database = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (c, m, a) -> {
                        Object done = invoke(connection, m, a);
                        if (m.getName().equals("commit") && commits.incrementAndGet() == 1) {
                            throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                        }
                        return done;
                    });
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                database);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private int pendingDeliveries() throws SQLException {
        return count("SELECT COUNT(*) FROM outbox_delivery WHERE state = 'PENDING'");
    }

    private int storedAlerts() throws SQLException {
        return count("SELECT COUNT(*) FROM alert");
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
