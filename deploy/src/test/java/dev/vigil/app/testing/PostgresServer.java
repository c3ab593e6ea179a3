package dev.vigil.app.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for a test, started by the project's own script ({@code src/test/postgres/test-server.sh})
 * from the machine's PostgreSQL in a folder under {@code target/}, on a free loopback port. When the machine has no
 * PostgreSQL server binaries the script says so (exit code 3) and {@link #start} returns null with the reason in
 * {@link #missing}, for the test to skip, never fail. CI installs Debian's postgresql first (.ci/run). A test of an
 * outage {@link #halt}s the server and {@link #resume}s it on the same port with the same data.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path SCRIPT = Path.of("src/test/postgres/test-server.sh");
    private static final int MISSING = 3;

    private final Path folder;
    private final int port;

    /** Why the last {@link #start} found no server to run, else null. */
    public static volatile String missing;

    private PostgresServer(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Starts a fresh cluster; null when PostgreSQL is not installed here ({@link #missing} says why). */
    public static PostgresServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path folder = Path.of("target", "postgres-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Run run = run("start", folder.toString(), String.valueOf(port));
        if (run.code() == MISSING) {
            missing = run.output().strip();
            return null;
        }
        if (run.code() != 0) {
            throw new IllegalStateException("the PostgreSQL test server did not start (exit " + run.code() + "):\n" + run.output());
        }
        return new PostgresServer(folder, port);
    }

    /**
     * Whether this machine can run the server: what a test that needs it before it starts (a Quarkus application on
     * PostgreSQL) asks in {@code @EnabledIf}.
     */
    public static boolean installed() throws IOException, InterruptedException {
        Run run = run("check");
        if (run.code() == MISSING) {
            missing = run.output().strip();
            return false;
        }
        return true;
    }

    /** Stops the server as an outage does (its clients' connections are cut), keeping its data for {@link #resume}. */
    public void halt() throws IOException, InterruptedException {
        expectSuccess("halt", run("halt", folder.toString()));
    }

    /** Starts a halted server again, on the same port with the same data; returns once it takes connections. */
    public void resume() throws IOException, InterruptedException {
        expectSuccess("resume", run("resume", folder.toString(), String.valueOf(port)));
    }

    /** The server's {@code postgres} database as its superuser (trust authentication on loopback). */
    public PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser("postgres");
        return dataSource;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the server's {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        expectSuccess("stop", run("stop", folder.toString()));
    }

    private static void expectSuccess(String command, Run run) {
        if (run.code() != 0) {
            throw new IllegalStateException("the PostgreSQL test server did not " + command + " (exit " + run.code()
                    + "): " + run.output());
        }
    }

    private record Run(int code, String output) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = SCRIPT.toAbsolutePath().toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the PostgreSQL test script took longer than 2 minutes: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
