package dev.vigil.alerting.notify.http;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpCallsTest {

    @Test
    void retryAfterInSeconds() {
        assertThat(HttpCalls.retryAfter(" 120 ")).contains(Duration.ofSeconds(120));
        assertThat(HttpCalls.retryAfter("-5")).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));

        assertThat(HttpCalls.retryAfter(inAMinute)).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
        assertThat(HttpCalls.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterIsIgnored() {
        assertThat(HttpCalls.retryAfter("soon")).isEmpty();
    }

    @Test
    void basicAuthIsBase64OfUserColonSecret() {
        // RFC 7617's example
        assertThat(HttpCalls.basic("Aladdin", "open sesame")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void joinCopesWithATrailingSlashOnTheConfiguredBase() {
        assertThat(HttpCalls.join(URI.create("https://x.service-now.com/"), "/api/now/table/incident"))
                .isEqualTo(URI.create("https://x.service-now.com/api/now/table/incident"));
        assertThat(HttpCalls.join(URI.create("https://x.atlassian.net"), "/rest/api/3/issue"))
                .isEqualTo(URI.create("https://x.atlassian.net/rest/api/3/issue"));
    }

    @Test
    void queryValuesAreEncodedWithPercentTwentyForSpaces() {
        assertThat(HttpCalls.encode("labels = \"vigil-ab\" AND x")).isEqualTo("labels%20%3D%20%22vigil-ab%22%20AND%20x");
    }
}
