package dev.vigil.app.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Vigil whose Slack receiver speaks the Web API ({@link SlackWebApiStub}, served by the suite's
 * {@link SlackStubResource}) instead of the incoming webhook, with a database of its own.
 */
public class SlackWebApiProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vigil.notify.slack.webhook-url", "",
                "vigil.notify.slack.bot-token", SlackWebApiStub.TOKEN,
                "vigil.notify.slack.channel", SlackWebApiStub.CHANNEL_ID,
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:vigil-slack-web-api;DB_CLOSE_DELAY=-1");
    }
}
