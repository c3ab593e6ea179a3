package dev.vigil.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business metrics as CSV files dropped in a folder. A file moves to {@code .done/} only after every row has been
 * handed on; a file that cannot be read moves to {@code .error/} with {@code <name>.reason.txt} beside it. Files
 * whose size still changes are left until the writer is done; names starting with a dot are ignored, so writers can
 * write {@code .name.csv} and rename.
 */
@ApplicationScoped
public class FileSourceRoute extends RouteBuilder {

    static final String ERROR_FOLDER = ".error";

    private final MetricCsvReader reader;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final ProducerTemplate producer;

    public FileSourceRoute(@ConfigProperty(name = "vigil.files.chunk-size") int chunkSize,
            DeadLetters deadLetters, IngestMetrics metrics, ProducerTemplate producer) {
        this.reader = new MetricCsvReader(chunkSize);
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.producer = producer;
    }

    @Override
    public void configure() {
        from("file:{{vigil.files.inbox}}?include=.*\\.csv&move=.done&moveFailed=" + ERROR_FOLDER
                + "&readLock=changed&readLockCheckInterval=500&maxMessagesPerPoll=10&delay={{vigil.files.poll-interval-ms}}")
                .routeId("source-file").autoStartup("{{vigil.files.enabled}}")
                .onException(Exception.class).handled(false).logExhausted(false)
                    .process(this::writeReason)
                .end()
                .process(this::readFile);
    }

    private void readFile(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            MetricCsvReader.Summary summary = reader.read(in,
                    chunk -> producer.sendBody(IngestEndpoints.OBSERVATIONS, chunk),
                    row -> deadLetters.reject(Sources.FILE, name + ":" + row.lineNumber(), row.line(), row.reason()));
            metrics.accepted(Sources.FILE, summary.accepted());
            log.info("Read {}: {} rows accepted, {} rejected", name, summary.accepted(), summary.rejected());
        }
    }

    /** Writes the reason beside the file that Camel is about to move to the error folder, and counts it. */
    private void writeReason(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        Path errors = Path.of(parent).resolve(ERROR_FOLDER);
        Files.createDirectories(errors);
        Files.writeString(errors.resolve(name + ".reason.txt"), reason + System.lineSeparator(), StandardCharsets.UTF_8);
        deadLetters.reject(Sources.FILE, name, "", "file moved to " + ERROR_FOLDER + ": " + reason);
    }
}
