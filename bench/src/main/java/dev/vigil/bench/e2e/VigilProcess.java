package dev.vigil.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application ({@code deploy/target/quarkus-app}) run as a child process, as it runs in production:
 * its own JVM, a profile, its configuration from system properties, an H2 file database and folders of its own.
 * Ready when {@code /q/health/ready} answers 200; its metrics are scraped from {@code /q/metrics}; its resident memory
 * is read from {@code /proc/<pid>/status}. Its output is appended to a log file beside its folders.
 */
final class VigilProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final long startedNanos;
    private final Path log;

    private VigilProcess(Process process, int httpPort, long startedNanos, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /**
     * Starts the application in {@code app} (a quarkus-app folder) with the JVM options and configuration given; work
     * folders (database, inbox, dead letters, routes, models) go under {@code work}.
     */
    static VigilProcess start(Path app, Path work, List<String> jvmOptions, Map<String, String> config) throws IOException {
        Files.createDirectories(work);
        int port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + work.resolve("db/vigil").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE");
        command.add("-Dvigil.files.inbox=" + work.resolve("inbox").toAbsolutePath());
        command.add("-Dvigil.routes.folder=" + work.resolve("routes").toAbsolutePath());
        command.add("-Dvigil.models.folder=" + work.resolve("models").toAbsolutePath());
        command.add("-Dvigil.dead-letter.uri=file:" + work.resolve("dead-letter").toAbsolutePath()
                + "?fileName=dead-letters.jsonl&fileExist=Append");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toAbsolutePath().toString());
        Path log = work.resolve("vigil.log");
        long started = System.nanoTime();
        // appended: a Vigil started again on the same folder (after a crash) keeps the first one's log
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new VigilProcess(process, port, started, log);
    }

    /** Waits until the application answers ready; returns the time from the process start to that answer. */
    Duration awaitReady(Duration deadline) throws IOException, InterruptedException {
        return awaitAnswer("/q/health/ready", deadline);
    }

    /**
     * Waits until {@code GET path} answers 200 (e.g. {@code /q/health/live}: up, whether its brokers are there or
     * not); returns the time from the process start to that answer.
     */
    Duration awaitAnswer(String path, Duration deadline) throws IOException, InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Vigil exited with " + process.exitValue() + " before " + path
                        + " answered; see " + log);
            }
            if (status(path) == 200) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(20); // polling an external process: there is nothing to wait on
        }
        throw new IllegalStateException("Vigil did not answer " + path + " within " + deadline + "; see " + log);
    }

    /** The HTTP status {@code GET path} answers now; 0 while nothing listens. */
    int status(String path) throws InterruptedException {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** The body of {@code GET path} with the API key {@code apiKey}. */
    String get(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(60)).header("X-Vigil-Api-Key", apiKey).GET().build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /** The current Prometheus exposition. */
    Prometheus metrics() throws IOException, InterruptedException {
        return Prometheus.parse(HTTP.send(request("/q/metrics"), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Resident set size in bytes ({@code VmRSS}). */
    long residentBytes() throws IOException {
        return Rss.of(process.pid());
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(10))
                .GET().build();
    }

    /** Halts it as a crash would ({@code kill -9}: nothing saved, nothing closed), and waits. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops it as a service manager would (SIGTERM: Vigil saves its state and closes), and waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
