package dev.vigil.app.console;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.vigil.app.testing.ConsoleSession;
import dev.vigil.app.testing.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.apache.http.conn.params.ConnRoutePNames;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing through the console's real login form, from several client addresses (loopback addresses
 * 127.0.0.x the test's connections are bound to): the waits grow with the failed logins of a user and of an address,
 * a success clears them, and a burst of guesses is mostly refused unchecked. The test profile caps the delay at 4 s.
 */
@QuarkusTest
class ConsoleLoginThrottleTest {

    /** One login post from a client address, when it was sent and when its answer came ({@link System#nanoTime}). */
    private record Attempt(Response response, long sent, long answered) {
        boolean loggedIn() {
            return response.getCookie(ConsoleSession.COOKIE) != null;
        }

        /** From the sending of an earlier attempt to this one's answer: at least the wait the earlier one set. */
        Duration since(Attempt earlier) {
            return Duration.ofNanos(answered - earlier.sent());
        }

        Duration took() {
            return Duration.ofNanos(answered - sent);
        }
    }

    private static Attempt login(String from, String user, String password) throws Exception {
        RestAssuredConfig config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam(ConnRoutePNames.LOCAL_ADDRESS, InetAddress.getByName(from)));
        long sent = System.nanoTime();
        Response response = given().config(config).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("j_username", user)
                .formParam("j_password", password).post("/j_security_check");
        return new Attempt(response, sent, System.nanoTime());
    }

    @Test
    void wrongPasswordsForAUserWaitLongerEachTimeFromAnyAddressAndALoginClearsThem() throws Exception {
        List<Attempt> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Attempt wrong = login("127.0.0.21", "bob", "guess-" + i);
            assertThat(wrong.loggedIn()).isFalse();
            assertThat(wrong.response().getHeader("Location")).endsWith("/console/login?failed=true");
            guesses.add(wrong);
        }
        assertThat(guesses.get(1).since(guesses.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(guesses.get(2).since(guesses.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(guesses.get(3).since(guesses.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        Attempt right = login("127.0.0.22", "bob", "bob-secret");
        assertThat(right.since(guesses.get(3))).as("bob's own delay, from a new address too")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(right.loggedIn()).isTrue();

        Attempt afterwards = login("127.0.0.21", "bob", "guess-again");
        assertThat(afterwards.took()).as("cleared by the login: not the 4 s the fifth guess would wait")
                .isLessThan(Duration.ofMillis(3000));
        assertThat(login("127.0.0.21", "bob", "bob-secret").loggedIn()).isTrue();
    }

    @Test
    void aBurstOfGuessesFromOneAddressIsMostlyRefusedWithoutCheckingAPassword() throws Exception {
        double checkedBefore = Metrics.counter("vigil_console_logins_total", "outcome", "failure");
        double refusedBefore = Metrics.counter("vigil_console_logins_total", "outcome", "refused");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<Attempt>> burst;
        try {
            List<Callable<Attempt>> guesses = IntStream.range(0, 20)
                    .<Callable<Attempt>>mapToObj(i -> () -> login("127.0.0.31", "alice", "guess-" + i)).toList();
            burst = clients.invokeAll(guesses);
        } finally {
            clients.shutdown();
        }
        for (Future<Attempt> guess : burst) {
            assertThat(guess.get().loggedIn()).isFalse();
        }
        double checked = Metrics.counter("vigil_console_logins_total", "outcome", "failure") - checkedBefore;
        double refused = Metrics.counter("vigil_console_logins_total", "outcome", "refused") - refusedBefore;
        assertThat(checked + refused).isEqualTo(20);
        assertThat(checked).as("guesses let through one delay apart within the 4 s cap (0, 0.5, 1.5, 3.5 s, and a few"
                + " more if the burst arrived spread out)").isBetween(1.0, 8.0);
        assertThat(refused).isGreaterThanOrEqualTo(12);
        assertThat(Metrics.value("vigil_console_login_delays_total")).isPositive();

        assertThat(login("127.0.0.32", "alice", "alice-secret").loggedIn()).as("alice herself, after the wait").isTrue();
    }
}
