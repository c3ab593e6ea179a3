package dev.vigil.app.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** A console login as a browser makes it (Quarkus form authentication), and the CSRF token its pages carry. */
public record ConsoleSession(String user, String cookie, String csrf) {

    public static final String COOKIE = "vigil-session";
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"vigil-csrf\" content=\"([0-9a-f]+)\">");

    /** The login form's post; the answer is a redirect with the session cookie, or to the error page. */
    public static Response postLogin(String user, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
    }

    public static ConsoleSession login(String user, String password) {
        Response login = postLogin(user, password);
        String cookie = login.getCookie(COOKIE);
        if (cookie == null) {
            throw new AssertionError("no session for " + user + ": " + login.getStatusCode() + " " + login.getHeader("Location"));
        }
        String page = given().cookie(COOKIE, cookie).get("/console/sources").then().statusCode(200).extract().asString();
        Matcher csrf = CSRF_META.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("the console page has no CSRF token");
        }
        return new ConsoleSession(user, cookie, csrf.group(1));
    }

    /** A request with the session cookie only. */
    public RequestSpecification request() {
        return given().redirects().follow(false).cookie(COOKIE, cookie);
    }

    /** A request with the session cookie and the CSRF header, as the console's script sends it. */
    public RequestSpecification withCsrf() {
        return request().header("X-Vigil-Csrf", csrf);
    }
}
