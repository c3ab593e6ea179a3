package dev.vigil.ingest.users;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.UserEvent;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.Timestamps;

/**
 * Turns a Kafka record of the user-events topic into a {@link UserEvent}. The value is one JSON object:
 * <pre>
 * {"user":"alice","timestamp":"2026-11-22T10:00:00Z","action":"login","outcome":"success","ip":"203.0.113.7",
 *  "country":"DE","endpoint":"POST /login","user_agent":"Mozilla/5.0 …","attributes":{"tenant":"acme"}}
 * </pre>
 * {@code action}, {@code outcome} and {@code ip} are required; {@code user} too, or the record key names the user;
 * without {@code timestamp} (or {@code ts}) the time of receipt is used; {@code country}, {@code endpoint},
 * {@code user_agent} (or {@code userAgent}) and {@code attributes} (an object of scalars) are optional. Any other
 * field is rejected, so a typo does not silently drop what it meant to say.
 */
public final class UserEventParser {

    private static final Set<String> FIELDS = Set.of("user", "timestamp", "ts", "action", "outcome", "ip", "country",
            "endpoint", "user_agent", "userAgent", "attributes");
    private static final String EXPECTED = "user, timestamp, action, outcome, ip, country, endpoint, user_agent, attributes";
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Only what an IPv6 literal can hold, so the JDK's parser never sees a host name (and never resolves one). */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final int MAX_USER = 128;
    private static final int MAX_ENDPOINT = 256;
    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_ATTRIBUTES = 32;

    private final int maxPayloadBytes;
    private final ObjectReader json;
    private final Clock clock;

    public UserEventParser(int maxPayloadBytes, ObjectMapper json, Clock clock) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.clock = clock;
    }

    /**
     * @param key   the record key: the user when the event names none
     * @param value the record value, one JSON object
     * @throws InvalidInputException naming the field and what is wrong with it
     */
    public UserEvent parse(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("empty user event");
        }
        int bytes = InputRules.utf8Length(value);
        if (bytes > maxPayloadBytes) {
            throw new InvalidInputException("user event of " + bytes + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        JsonNode root;
        try {
            root = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + InputRules.printable(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new InvalidInputException("unreadable record: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("a user event is a JSON object with " + EXPECTED);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException("unknown field '" + InputRules.printable(name, 60) + "' (expected "
                        + EXPECTED + ")");
            }
        }
        String user = root.hasNonNull("user") ? text(root, "user") : key;
        if (user == null) {
            throw new InvalidInputException("field 'user' is missing and the record has no key");
        }
        return new UserEvent(Sources.USERS, user(user), timestamp(root), action(required(root, "action")),
                outcome(required(root, "outcome")), ip(required(root, "ip")), country(root), endpoint(root),
                userAgent(root), attributes(root));
    }

    private Instant timestamp(JsonNode root) {
        String field = root.hasNonNull("timestamp") ? "timestamp" : "ts";
        JsonNode ts = root.get(field);
        return ts == null || ts.isNull() ? clock.instant() : Timestamps.fromJson(field, ts);
    }

    /** A label value: printable, without the characters that delimit labels, bounded. */
    private static String user(String user) {
        if (user.isBlank()) {
            throw new InvalidInputException("field 'user' is empty");
        }
        if (user.length() > MAX_USER) {
            throw new InvalidInputException("field 'user' is longer than " + MAX_USER + " characters");
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (Character.isISOControl(c) || c == '{' || c == '}' || c == ',' || c == '=' || c == '"') {
                throw new InvalidInputException("field 'user' contains a forbidden character (control, {, }, comma, = or \")");
            }
        }
        return user;
    }

    private static String action(String action) {
        InputRules.requireName("field 'action'", action);
        return action.toLowerCase(Locale.ROOT);
    }

    private static UserEvent.Outcome outcome(String outcome) {
        return switch (outcome.toLowerCase(Locale.ROOT)) {
            case "success" -> UserEvent.Outcome.SUCCESS;
            case "failure" -> UserEvent.Outcome.FAILURE;
            default -> throw new InvalidInputException("field 'outcome' must be success or failure, got '"
                    + InputRules.printable(outcome, 40) + "'");
        };
    }

    /** A literal address, normalised (IPv6 in the JDK's full form); never a host name, so nothing is resolved. */
    private static String ip(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return ip;
        }
        if (ip.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(ip).matches()) {
            try {
                return InetAddress.getByName(ip).getHostAddress();
            } catch (UnknownHostException e) {
                // falls through to the message below
            }
        }
        throw new InvalidInputException("field 'ip' must be an IPv4 or IPv6 address, got '"
                + InputRules.printable(ip, 60) + "'");
    }

    private static String country(JsonNode root) {
        if (!root.hasNonNull("country")) {
            return null;
        }
        String country = text(root, "country");
        if (!COUNTRY.matcher(country).matches()) {
            throw new InvalidInputException("field 'country' must be an ISO 3166 two-letter code, got '"
                    + InputRules.printable(country, 20) + "'");
        }
        return country.toUpperCase(Locale.ROOT);
    }

    private static String endpoint(JsonNode root) {
        return root.hasNonNull("endpoint") ? freeText(root, "endpoint", MAX_ENDPOINT) : null;
    }

    private static String userAgent(JsonNode root) {
        String field = root.hasNonNull("user_agent") ? "user_agent" : "userAgent";
        return root.hasNonNull(field) ? freeText(root, field, MAX_USER_AGENT) : null;
    }

    private static Map<String, String> attributes(JsonNode root) {
        JsonNode node = root.get("attributes");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidInputException("field 'attributes' must be an object of strings, numbers or booleans");
        }
        if (node.size() > MAX_ATTRIBUTES) {
            throw new InvalidInputException("field 'attributes' has more than " + MAX_ATTRIBUTES + " entries");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            InputRules.requireName("attribute name", entry.getKey());
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidInputException("attribute '" + entry.getKey() + "' must be a string, number or boolean");
            }
            attributes.put(entry.getKey(), checkedText("attribute '" + entry.getKey() + "'", value.asText(), MAX_ENDPOINT));
        });
        return attributes;
    }

    private static String required(JsonNode root, String field) {
        if (!root.hasNonNull(field)) {
            throw new InvalidInputException("field '" + field + "' is missing");
        }
        return text(root, field);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (!node.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node.asText();
    }

    private static String freeText(JsonNode root, String field, int max) {
        return checkedText("field '" + field + "'", text(root, field), max);
    }

    /** Free text is kept as sent, but bounded and without control characters, so it is safe to print. */
    private static String checkedText(String what, String text, int max) {
        if (text.length() > max) {
            throw new InvalidInputException(what + " is longer than " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidInputException(what + " contains a control character");
            }
        }
        return text;
    }
}
