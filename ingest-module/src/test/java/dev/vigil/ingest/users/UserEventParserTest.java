package dev.vigil.ingest.users;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.UserEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserEventParserTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MAX_BYTES = 1024;

    private final UserEventParser parser = new UserEventParser(MAX_BYTES, new ObjectMapper(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyFieldIsRead() {
        UserEvent e = parser.parse("ignored-key", """
                {"user":"alice@example.com","timestamp":"2026-11-22T10:00:00Z","action":"Change-Password",
                 "outcome":"SUCCESS","ip":"203.0.113.7","country":"de","endpoint":"POST /account/password",
                 "user_agent":"Mozilla/5.0 (X11; Linux x86_64)","attributes":{"tenant":"acme","mfa":true}}""");

        assertThat(e).isEqualTo(new UserEvent("users", "alice@example.com", Instant.parse("2026-11-22T10:00:00Z"),
                "change-password", UserEvent.Outcome.SUCCESS, "203.0.113.7", "DE", "POST /account/password",
                "Mozilla/5.0 (X11; Linux x86_64)", Map.of("tenant", "acme", "mfa", "true")));
        assertThat(e.succeeded()).isTrue();
    }

    @Test
    void theKeyNamesTheUserTheTimeOfReceiptTheTimeAndOptionalFieldsMayBeLeftOut() {
        UserEvent e = parser.parse("bob", "{\"action\":\"login\",\"outcome\":\"failure\",\"ip\":\"2001:db8::7\"}");

        assertThat(e.user()).isEqualTo("bob");
        assertThat(e.timestamp()).isEqualTo(NOW);
        assertThat(e.outcome()).isEqualTo(UserEvent.Outcome.FAILURE);
        assertThat(e.ip()).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(e.country()).isNull();
        assertThat(e.endpoint()).isNull();
        assertThat(e.userAgent()).isNull();
        assertThat(e.attributes()).isEmpty();
    }

    @Test
    void epochSecondsAndTheTsAndUserAgentAliases() {
        UserEvent e = parser.parse(null, "{\"user\":\"u1\",\"ts\":1795341600,\"action\":\"read\",\"outcome\":\"success\","
                + "\"ip\":\"10.0.0.1\",\"userAgent\":\"curl/8\"}");

        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(e.userAgent()).isEqualTo("curl/8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON             | {"user":"a","action":"login",                                              | malformed JSON
            not an object              | ["user","a"]                                                               | a user event is a JSON object
            unknown field              | {"user":"a","action":"login","outcome":"success","ip":"1.2.3.4","usr":"b"} | unknown field 'usr' (expected user, timestamp
            no user, no key            | {"action":"login","outcome":"success","ip":"1.2.3.4"}                      | field 'user' is missing and the record has no key
            user of the wrong type     | {"user":7,"action":"login","outcome":"success","ip":"1.2.3.4"}             | field 'user' must be a string, got number
            user with an equals sign   | {"user":"a=b","action":"login","outcome":"success","ip":"1.2.3.4"}         | field 'user' contains a forbidden character
            no action                  | {"user":"a","outcome":"success","ip":"1.2.3.4"}                            | field 'action' is missing
            action with injection      | {"user":"a","action":"login; DROP TABLE","outcome":"success","ip":"1.2.3.4"} | field 'action' 'login; DROP TABLE' is not a valid name
            outcome not a word we know | {"user":"a","action":"login","outcome":"maybe","ip":"1.2.3.4"}             | field 'outcome' must be success or failure, got 'maybe'
            no ip                      | {"user":"a","action":"login","outcome":"success"}                          | field 'ip' is missing
            ip out of range            | {"user":"a","action":"login","outcome":"success","ip":"256.1.1.1"}         | field 'ip' must be an IPv4 or IPv6 address, got '256.1.1.1'
            ip that is a host name     | {"user":"a","action":"login","outcome":"success","ip":"example.com"}       | field 'ip' must be an IPv4 or IPv6 address
            ip that is no IPv6         | {"user":"a","action":"login","outcome":"success","ip":"1:2:3:4:5:6:7:8:9"} | field 'ip' must be an IPv4 or IPv6 address
            country of three letters   | {"user":"a","action":"login","outcome":"success","ip":"1.2.3.4","country":"DEU"} | field 'country' must be an ISO 3166 two-letter code, got 'DEU'
            NaN timestamp              | {"user":"a","ts":"NaN","action":"login","outcome":"success","ip":"1.2.3.4"} | timestamp 'NaN' is not ISO-8601
            attributes not an object   | {"user":"a","action":"login","outcome":"success","ip":"1.2.3.4","attributes":[1]} | field 'attributes' must be an object
            nested attribute           | {"user":"a","action":"login","outcome":"success","ip":"1.2.3.4","attributes":{"x":{"y":1}}} | attribute 'x' must be a string, number or boolean
            """)
    void badInputIsRejectedWithAReasonThatNamesTheField(String what, String json, String reason) {
        assertThatThrownBy(() -> parser.parse(null, json))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void controlCharactersInFreeTextAndOversizedEventsAreRejected() {
        assertThatThrownBy(() -> parser.parse(null, "{\"user\":\"a\",\"action\":\"read\",\"outcome\":\"success\","
                + "\"ip\":\"1.2.3.4\",\"endpoint\":\"GET /x\\n/y\"}"))
                .hasMessage("field 'endpoint' contains a control character");
        String huge = "{\"user\":\"a\",\"action\":\"read\",\"outcome\":\"success\",\"ip\":\"1.2.3.4\",\"endpoint\":\""
                + "x".repeat(2000) + "\"}";
        assertThatThrownBy(() -> parser.parse(null, huge)).hasMessageContaining("exceeds the limit of 1024");
        assertThatThrownBy(() -> parser.parse(null, " ")).hasMessage("empty user event");
    }
}
