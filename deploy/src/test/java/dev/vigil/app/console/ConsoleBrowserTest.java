package dev.vigil.app.console;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.app.testing.Chromium;
import dev.vigil.app.testing.Folders;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium: log in, watch the sources page count a reading published to the real MQTT
 * broker and show the reason of a rejected one without reloading, create a silence from a prefilled form and expire
 * it, each stored with who did it. Screenshots go to target/screenshots/. Skipped where no Chromium is installed.
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

    private Path profile;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("vigil-chromium-");
        browser = Chromium.start(profile);
        wait = new WebDriverWait(browser, PATIENCE);
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
        long before = events("mqtt");
        WebElement page = browser.findElement(By.tagName("main"));

        publish("vigil/sensors/plant-console/pump-1",
                "{\"metric\":\"pressure\",\"value\":4.2,\"ts\":\"" + java.time.Instant.now() + "\"}");
        publish("vigil/sensors/plant-console/pump-1", "{\"metric\":\"pressure\",\"value\":\"very high\"}");

        wait.until(b -> events("mqtt") > before);
        wait.until(b -> cell("mqtt", "reasons").getText().contains("pressure") || cell("mqtt", "reasons").getText().contains("value"));
        assertThat(page.isDisplayed()).as("the same page, updated in place").isTrue();
        assertThat(cell("mqtt", "status").getText()).isEqualTo("active");
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

    private void publish(String topic, String payload) throws Exception {
        MqttClient publisher = new MqttClient(brokerUrl, "console-browser-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
        try {
            publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            publisher.disconnect();
            publisher.close();
        }
    }
}
