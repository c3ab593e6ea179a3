package dev.vigil.feedback.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.vigil.feedback.FeedbackRejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSignatureVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long NOW = 1_531_420_618L;
    private static final byte[] BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D".getBytes(StandardCharsets.UTF_8);

    private final SlackSignatureVerifier verifier = new SlackSignatureVerifier(SECRET,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void slacksDocumentedExampleSignatureIsReproduced() {
        // the example of Slack's "Verifying requests from Slack" page
        byte[] body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignatureVerifier.sign(SECRET, NOW, body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void aValidSignatureIsAccepted() {
        assertThatCode(() -> verifier.verify(Long.toString(NOW), SlackSignatureVerifier.sign(SECRET, NOW, BODY), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void aSignatureWithAnotherSecretOrOverAnotherBodyIsRefused() {
        assertRefused(Long.toString(NOW), SlackSignatureVerifier.sign("other", NOW, BODY), BODY, "does not match");
        assertRefused(Long.toString(NOW), SlackSignatureVerifier.sign(SECRET, NOW, BODY),
                "payload=tampered".getBytes(StandardCharsets.UTF_8), "does not match");
        assertRefused(Long.toString(NOW), "v0=deadbeef", BODY, "does not match");
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIsRefusedEvenWhenSigned() {
        long stale = NOW - 301;
        assertRefused(Long.toString(stale), SlackSignatureVerifier.sign(SECRET, stale, BODY), BODY, "5 minutes");
        long future = NOW + 301;
        assertRefused(Long.toString(future), SlackSignatureVerifier.sign(SECRET, future, BODY), BODY, "5 minutes");
        long edge = NOW - 300;
        assertThatCode(() -> verifier.verify(Long.toString(edge), SlackSignatureVerifier.sign(SECRET, edge, BODY), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void theSameSignedRequestTwiceIsAReplay() throws Exception {
        String signature = SlackSignatureVerifier.sign(SECRET, NOW, BODY);
        verifier.verify(Long.toString(NOW), signature, BODY);
        assertRefused(Long.toString(NOW), signature, BODY, "replay");
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        String signature = SlackSignatureVerifier.sign(SECRET, NOW, BODY);
        assertRefused(null, signature, BODY, "X-Slack-Request-Timestamp");
        assertRefused("yesterday", signature, BODY, "not a number");
        assertRefused(Long.toString(NOW), null, BODY, "missing X-Slack-Signature");
    }

    private void assertRefused(String timestamp, String signature, byte[] body, String reason) {
        assertThatThrownBy(() -> verifier.verify(timestamp, signature, body)).isInstanceOf(FeedbackRejected.class)
                .hasMessageContaining(reason).satisfies(e -> assertThat(((FeedbackRejected) e).status()).isEqualTo(401));
    }
}
