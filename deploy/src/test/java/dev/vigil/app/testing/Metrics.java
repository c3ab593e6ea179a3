package dev.vigil.app.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads one counter from the Prometheus endpoint, as an operator's scraper would. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of a series without labels, or of the first series of that name; NaN when there is none. */
    public static double value(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(2)) : Double.NaN;
    }

    /** The sum of the series of {@code name} whose labels include {@code label="value"}, 0 when there is none. */
    public static double counter(String name, String label, String value) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(?:[^}]*,)?" + Pattern.quote(label) + "=\""
                + Pattern.quote(value) + "\"[^}]*} ([0-9.Ee+-]+)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** The value of {@code name{source="..."}}, 0 when it does not exist yet. */
    public static double counter(String name, String source) {
        return counter(name, "source", source);
    }
}
