package dev.vigil.app.console;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.Chromium;
import dev.vigil.app.testing.Folders;
import dev.vigil.app.testing.Inbox;
import dev.vigil.app.testing.MqttPublishing;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.store.FeedbackStore;
import dev.vigil.feedback.store.StoredFeedback;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium: log in, watch the sources page count a reading published to the real MQTT
 * broker and show the reason of a rejected one without reloading, create a silence from a prefilled form and expire
 * it, each stored with who did it; see an alert raised by a CSV file dropped into the real inbox appear in the alerts
 * list without reloading, open its chart and answer it "false alarm", stored as the user's and shown (the issue's
 * test). Screenshots go to target/screenshots/. Skipped where no Chromium is installed.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "vigil.mqtt.broker-url")
    String brokerUrl;
    @Inject
    Silences silences;
    @Inject
    FeedbackStore feedback;
    @Inject
    AlertStore alerts;
    @ConfigProperty(name = "vigil.files.inbox")
    Path inbox;

    private Path profile;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("vigil-chromium-");
        browser = Chromium.start(profile);
        wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class); // live tables are redrawn under the test's feet
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        Folders.deleteQuietly(profile);
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private void logIn(String path, String user, String password) {
        browser.get(url(path));
        wait.until(b -> b.getCurrentUrl().contains("/console/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        wait.until(b -> b.getCurrentUrl().endsWith(path));
    }

    private WebElement cell(String source, String field) {
        return browser.findElement(By.cssSelector("tr[data-source='" + source + "'] [data-field='" + field + "']"));
    }

    private long events(String source) {
        return Long.parseLong(cell(source, "events").getText().strip());
    }

    @Test
    void theSourcesPageCountsANewReadingAndShowsWhyAnotherWasRejectedWithoutReloading() throws Exception {
        logIn("/console/sources", "alice", "alice-secret");
        wait.until(b -> "live".equals(b.findElement(By.id("live-status")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("alice");
        long before = wait.until(b -> events("mqtt"));
        WebElement page = browser.findElement(By.tagName("main"));

        publish("vigil/sensors/plant-console/pump-1",
                "{\"metric\":\"pressure\",\"value\":4.2,\"ts\":\"" + java.time.Instant.now() + "\"}");
        publish("vigil/sensors/plant-console/pump-1", "{\"metric\":\"pressure\",\"value\":\"very high\"}");

        wait.until(b -> events("mqtt") > before);
        wait.until(b -> cell("mqtt", "reasons").getText().contains("pressure") || cell("mqtt", "reasons").getText().contains("value"));
        assertThat(page.isDisplayed()).as("the same page, updated in place").isTrue();
        wait.until(b -> cell("mqtt", "status").getText().equals("active"));
        assertThat(browser.findElements(By.cssSelector("#rate-chart canvas"))).as("ECharts drew the rates").isNotEmpty();
        Chromium.screenshot(browser, "console-sources");
    }

    @Test
    void aSilenceIsCreatedFromAPrefilledFormAndExpiredEachStoredWithWhoDidIt() throws Exception {
        String matcher = URLEncoder.encode("entity=~\"boiler-.*\"", StandardCharsets.UTF_8);
        String path = "/console/silences?matcher=" + matcher + "&comment=descaling&duration=4h";
        logIn(path, "bob", "bob-secret");
        assertThat(browser.findElement(By.id("silence-matchers")).getDomProperty("value")).isEqualTo("entity=~\"boiler-.*\"");
        assertThat(browser.findElement(By.id("silence-duration")).getDomProperty("value")).isEqualTo("4h");
        browser.findElement(By.id("silence-comment")).sendKeys(" of boiler 3");
        browser.findElement(By.id("silence-create")).click();

        wait.until(b -> silences.list().stream().anyMatch(s -> "descaling of boiler 3".equals(s.comment())));
        Silence created = silences.list().stream().filter(s -> "descaling of boiler 3".equals(s.comment()))
                .findFirst().orElseThrow();
        assertThat(created.creator()).isEqualTo("bob");
        assertThat(Duration.between(created.startsAt(), created.endsAt())).isBetween(Duration.ofMinutes(239), Duration.ofMinutes(241));
        By row = By.cssSelector("tr[data-silence='" + created.id() + "']");
        wait.until(b -> !b.findElements(row).isEmpty());
        assertThat(browser.findElement(row).findElement(By.cssSelector("[data-field='creator']")).getText()).isEqualTo("bob");
        Chromium.screenshot(browser, "console-silences");

        browser.findElement(row).findElement(By.cssSelector("button.expire")).click();
        wait.until(b -> b.findElement(row).findElement(By.cssSelector("[data-field='state']")).getText().contains("expired by bob"));
        Silence expired = silences.list().stream().filter(s -> s.id().equals(created.id())).findFirst().orElseThrow();
        assertThat(expired.expiredBy()).isEqualTo("bob");
        assertThat(expired.activeAt(java.time.Instant.now())).isFalse();
    }

    @Test
    void anAlertFromAReplayedFileAppearsLiveIsChartedAndAnsweredFalseAlarm() throws Exception {
        String region = "browser" + UUID.randomUUID().toString().substring(0, 6);
        String entity = "orders{channel=web,region=" + region + "}";
        String list = "/console/alerts?label=" + URLEncoder.encode("region=\"" + region + "\"", StandardCharsets.UTF_8);
        logIn(list, "alice", "alice-secret");
        wait.until(b -> "live".equals(b.findElement(By.id("live-status")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("filter-label")).getDomProperty("value")).isEqualTo("region=\"" + region + "\"");
        WebElement page = browser.findElement(By.tagName("main"));

        // hourly orders of the last 40 hours, collapsing for three of them, dropped into the real inbox
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(40));
        new Inbox(inbox).drop("orders-" + region + ".csv",
                Inbox.ordersWithCollapse(t0, "region=" + region + ",channel=web").getBytes(StandardCharsets.UTF_8));

        // the file's incident fires and resolves within the file: read the row once it shows resolved (the list is
        // redrawn when it changes, so each attempt reads one drawing)
        By row = By.cssSelector("#alerts tr[data-alert]");
        Map<String, String> shown = wait.withTimeout(Duration.ofSeconds(60)).until(b -> {
            List<WebElement> rows = b.findElements(row);
            if (rows.isEmpty() || !field(rows.get(0), "status").equals("resolved")) {
                return null;
            }
            Map<String, String> fields = new TreeMap<>(Map.of("id", rows.get(0).getDomAttribute("data-alert")));
            for (String name : List.of("entity", "severity", "source", "detector", "why", "feedback")) {
                fields.put(name, field(rows.get(0), name));
            }
            return fields;
        });
        assertThat(page.isDisplayed()).as("listed without reloading").isTrue();
        String alertId = shown.get("id");
        assertThat(shown).containsEntry("entity", entity).containsEntry("severity", "CRITICAL")
                .containsEntry("source", "file").containsEntry("detector", "metric-baseline").containsEntry("feedback", "–");
        assertThat(shown.get("why")).startsWith("mean observed 12.00 vs expected");

        wait.until(b -> {
            b.findElement(By.cssSelector("#alerts tr[data-alert] [data-field='entity'] a")).click();
            return true;
        });
        wait.until(b -> b.getCurrentUrl().endsWith("/console/alerts/" + alertId));
        wait.until(b -> chartPoints("observed") >= 25);
        assertThat(chartPoints("anomalous")).as("the collapse, marked").isGreaterThanOrEqualTo(1);
        assertThat(chartPoints("expected")).as("the baseline the chart bands").isGreaterThanOrEqualTo(25);
        assertThat(browser.findElements(By.cssSelector("#series-chart canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("series-none")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("#findings tbody")).getText()).contains("robust-z");
        assertThat(browser.findElement(By.id("silence-this")).getDomAttribute("href"))
                .contains("matcher=" + URLEncoder.encode("region=\"" + region + "\"", StandardCharsets.UTF_8));
        wait.until(b -> b.findElement(By.id("verdict")).getText().contains("Not answered yet"));

        browser.findElement(By.cssSelector("button.verdict[data-verdict='FALSE_ALARM']")).click();
        wait.until(b -> "FALSE_ALARM".equals(b.findElement(By.id("verdict")).getDomAttribute("data-verdict")));
        assertThat(browser.findElement(By.id("verdict")).getText()).startsWith("False alarm by alice through console");
        StoredFeedback stored = feedback.latest(alertId).orElseThrow();
        assertThat(stored.feedback().verdict()).isEqualTo(Verdict.FALSE_ALARM);
        assertThat(stored.feedback().actor()).isEqualTo("alice");
        assertThat(stored.feedback().channel()).isEqualTo("console");
        assertThat(browser.findElement(By.cssSelector("button.verdict[data-verdict='FALSE_ALARM']")).getDomAttribute("class"))
                .contains("chosen");

        // read again from the server: the answer is stored, and who was told is in the delivery log
        browser.manage().window().setSize(new Dimension(1280, 2000));
        browser.navigate().refresh();
        wait.until(b -> "FALSE_ALARM".equals(b.findElement(By.id("verdict")).getDomAttribute("data-verdict")));
        wait.until(b -> chartPoints("observed") >= 25);
        assertThat(browser.findElements(By.cssSelector("#deliveries tr[data-receiver='slack']"))).isNotEmpty();
        Chromium.screenshot(browser, "console-alert-detail");

        browser.get(url(list));
        wait.until(b -> !b.findElements(row).isEmpty() && field(b.findElement(row), "feedback").equals("false alarm (alice)"));
        Chromium.screenshot(browser, "console-alerts");

        browser.get(url("/console/detectors"));
        By baseline = By.cssSelector("#detectors tr[data-detector='metric-baseline']");
        wait.until(b -> !b.findElements(baseline).isEmpty());
        assertThat(field(browser.findElement(baseline), "feedback")).matches(".*[1-9]\\d* false.*");
        wait.until(b -> ((Number) browser.executeScript("const c = window.vigil && window.vigil.charts['perDay:metric-baseline'];"
                + " return c ? c.getOption().series[0].data.length : 0;")).intValue() == 7);
        Chromium.screenshot(browser, "console-detectors");
    }

    @Test
    void anAlertWithoutSeriesHistoryShowsItsExplanationAndEvidenceAndNoEmptyChart() throws Exception {
        String user = "u" + UUID.randomUUID().toString().substring(0, 6);
        Explanation why = new Explanation("risk", 1.4, 0, 1, List.of(new Finding("risk", 1.4, 1,
                "risk 1.40 (limit 1.00): 3 countries in 24 h")), List.of(), List.of("country changed from DE to RU at 03:10"));
        Alert alert = new Alert(UUID.randomUUID().toString(), "fp-" + user, AlertStatus.FIRING, Severity.WARNING, "users",
                user, "user-behaviour", Instant.now().minusSeconds(30), null, user + " risk is anomalous", why,
                new TreeMap<>(Map.of("user", user)));
        alerts.save(alert);

        logIn("/console/alerts/" + alert.id(), "bob", "bob-secret");
        wait.until(b -> b.findElement(By.id("series-none")).isDisplayed());
        assertThat(browser.findElement(By.id("series-chart")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("evidence")).getText()).isEqualTo("country changed from DE to RU at 03:10");
        assertThat(browser.findElement(By.cssSelector("#findings tbody")).getText())
                .contains("risk 1.40 (limit 1.00): 3 countries in 24 h");
    }

    private static String field(WebElement row, String name) {
        return row.findElement(By.cssSelector("[data-field='" + name + "']")).getText().strip();
    }

    /** How many points a series of the alert's chart has, as ECharts itself holds them (0 before it is drawn). */
    private long chartPoints(String series) {
        Object count = browser.executeScript("const chart = window.vigil && window.vigil.charts.series;"
                + " if (!chart) { return 0; }"
                + " const s = chart.getOption().series.find((x) => x.id === arguments[0]);"
                + " return s ? s.data.filter((d) => d[1] !== null).length : 0;", series);
        return ((Number) count).longValue();
    }

    private void publish(String topic, String payload) throws Exception {
        MqttClient publisher = new MqttClient(brokerUrl, "console-browser-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
        try {
            MqttPublishing.atLeastOnce(() -> publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false));
        } finally {
            publisher.disconnect();
            publisher.close();
        }
    }
}
