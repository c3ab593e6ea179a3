package dev.vigil.feedback.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.feedback.FeedbackRejected;
import dev.vigil.feedback.Secrets;

/**
 * Checks that a request came from Slack, as Slack documents it ("Verifying requests from Slack"): the header
 * {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, keyed with the app's signing secret, of
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>}; compared in constant time. A timestamp more than five minutes
 * from this clock is refused (an old request replayed), and so is a signature already accepted within that window (a
 * fresh request replayed).
 */
public final class SlackSignatureVerifier {

    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** How many accepted signatures are remembered for the replay check. */
    static final int REMEMBERED = 10_000;

    private final String signingSecret;
    private final Clock clock;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    public SlackSignatureVerifier(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("the Slack signing secret is empty");
        }
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** Returns normally when the request is Slack's and new; throws a 401 with the reason otherwise. */
    public void verify(String timestampHeader, String signatureHeader, byte[] rawBody) throws FeedbackRejected {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            throw FeedbackRejected.unauthenticated("missing X-Slack-Request-Timestamp");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw FeedbackRejected.unauthenticated("missing X-Slack-Signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            throw FeedbackRejected.unauthenticated("X-Slack-Request-Timestamp is not a number of seconds");
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(seconds);
        if (Duration.between(sent, now).abs().compareTo(WINDOW) > 0) {
            throw FeedbackRejected.unauthenticated("X-Slack-Request-Timestamp is more than 5 minutes from now");
        }
        byte[] prefix = ("v0:" + timestampHeader.strip() + ":").getBytes(StandardCharsets.UTF_8);
        byte[] base = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(rawBody, 0, base, prefix.length, rawBody.length);
        String expected = "v0=" + Secrets.hmacSha256Hex(signingSecret, base);
        if (!Secrets.constantTimeEquals(expected, signatureHeader.strip())) {
            throw FeedbackRejected.unauthenticated("X-Slack-Signature does not match the body and timestamp");
        }
        remember(signatureHeader.strip(), sent, now);
    }

    private synchronized void remember(String signature, Instant sent, Instant now) throws FeedbackRejected {
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext();) {
            if (Duration.between(it.next(), now).compareTo(WINDOW) > 0) {
                it.remove();
            }
        }
        if (seen.containsKey(signature)) {
            throw FeedbackRejected.unauthenticated("this signed request was already received (replay)");
        }
        if (seen.size() >= REMEMBERED) {
            seen.remove(seen.keySet().iterator().next());
        }
        seen.put(signature, sent);
    }

    /** The header value Slack would send for this body at this time: for tests and tools that play Slack. */
    public static String sign(String signingSecret, long timestampSeconds, byte[] rawBody) {
        byte[] prefix = ("v0:" + timestampSeconds + ":").getBytes(StandardCharsets.UTF_8);
        byte[] base = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(rawBody, 0, base, prefix.length, rawBody.length);
        return "v0=" + Secrets.hmacSha256Hex(signingSecret, base);
    }
}
