package dev.vigil.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil with an alerting file that names a team's receiver, {@value #TEAM}, whose Slack integration posts to a
 * channel of its own ({@link #CHANNEL}) through the Web API ({@link SlackWebApiStub}); the bot token and the API's
 * address come from {@code vigil.notify.slack.*}, as a setting a receiver leaves out does. Alerts of the region
 * {@value #REGION} go to the team, the others to the console. The team also pushes its alerts to an Alertmanager
 * (the same stub server, at {@link #ALERTMANAGER_PATH}), and Slack's notification text is overridden from a template
 * folder ({@code vigil.notify.templates}: {@code slack-text.txt} starts with {@link #TEMPLATE_MARK}). A database of
 * its own.
 */
public class NamedReceiverProfile implements QuarkusTestProfile {

    public static final String TEAM = "shop-team";
    public static final String REGION = "teamed";
    public static final String CHANNEL = "C0SHOPTEAM";
    /** Where the Alertmanager API is on the stub server: the Slack API's URL with the v2 path after it. */
    public static final String ALERTMANAGER_PATH = SlackStubResource.WEB_API_PATH + "/am/api/v2/alerts";
    public static final String TEMPLATE_MARK = "shop-team hears:";

    @Override
    public Map<String, String> getConfigOverrides() {
        Path file;
        Path templates;
        try {
            templates = Files.createTempDirectory("vigil-templates-");
            Files.writeString(templates.resolve("slack-text.txt"), TEMPLATE_MARK + " {title}\n");
            templates.resolve("slack-text.txt").toFile().deleteOnExit();
            templates.toFile().deleteOnExit();
            file = Files.createTempFile("vigil-alerting-", ".yaml");
            Files.writeString(file, """
                    receivers:
                      - name: %s
                        slack: {channel: %s}
                        alertmanager: {external-url: 'https://vigil.example.com'}
                    route:
                      receivers: [console]
                      routes:
                        - {matchers: ['region="%s"'], receivers: [%s]}
                    """.formatted(TEAM, CHANNEL, REGION, TEAM));
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "vigil.alerting.config", file.toString(),
                "vigil.notify.slack.webhook-url", "",
                "vigil.notify.slack.bot-token", SlackWebApiStub.TOKEN,
                "vigil.notify.slack.channel", SlackWebApiStub.CHANNEL_ID,
                "vigil.notify.alertmanager.urls", "${vigil.notify.slack.api-url}/am",
                "vigil.notify.templates", templates.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-named-receiver;DB_CLOSE_DELAY=-1");
    }
}
