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
 * {@value #REGION} go to the team, the others to the console. A database of its own.
 */
public class NamedReceiverProfile implements QuarkusTestProfile {

    public static final String TEAM = "shop-team";
    public static final String REGION = "teamed";
    public static final String CHANNEL = "C0SHOPTEAM";

    @Override
    public Map<String, String> getConfigOverrides() {
        Path file;
        try {
            file = Files.createTempFile("vigil-alerting-", ".yaml");
            Files.writeString(file, """
                    receivers:
                      - name: %s
                        slack: {channel: %s}
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
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-named-receiver;DB_CLOSE_DELAY=-1");
    }
}
