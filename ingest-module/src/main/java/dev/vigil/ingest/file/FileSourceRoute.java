package dev.vigil.ingest.file;

import java.io.File;
import java.util.List;

import dev.vigil.contracts.Observation;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Business metrics as CSV files dropped in a folder; {@link FileIntake} reads each and moves it to {@code .done/}, or
 * to {@code .error/} with the reason. Names starting with a dot are ignored, so writers can write {@code .name.csv}
 * and rename. Files are taken in the order they were written.
 * <p>
 * The consumer's read lock waits for a file's size and time to hold still for one check interval before it is taken,
 * so a file still being written is left for a later look. Two of its settings are the point: {@code readLockMinLength=0}
 * (Camel's default, 1, never grants an empty file the lock, so it was retried forever and never reported), and a
 * {@code readLockTimeout} of a few check intervals (Camel's default, 10 s, is how long the one polling thread waits on
 * a file that never qualifies, every poll, before the files after it). Files still being written sort last, since
 * their time is the newest.
 */
@ApplicationScoped
public class FileSourceRoute extends RouteBuilder {

    private final FileIntake intake;
    private final IngestMetrics metrics;
    private final ProducerTemplate producer;

    public FileSourceRoute(@ConfigProperty(name = "vigil.files.chunk-size") int chunkSize,
            DeadLetters deadLetters, IngestMetrics metrics, ProducerTemplate producer) {
        this.metrics = metrics;
        this.producer = producer;
        this.intake = new FileIntake(new MetricCsvReader(chunkSize), this::handOn,
                (origin, payload, reason) -> deadLetters.reject(Sources.FILE, origin, payload, reason));
    }

    @Override
    public void configure() {
        // noop: FileIntake moves the file itself, so a file that vanished while it was read is reported, not a
        // failed rename in Camel's commit; idempotent=false, since a file of a name already read is a new file
        from("file:{{vigil.files.inbox}}?include=.*\\.csv&noop=true&idempotent=false"
                + "&readLock=changed&readLockMinLength=0&readLockCheckInterval=500&readLockTimeout=2000"
                + "&sortBy=file:modified;file:name&maxMessagesPerPoll=10&delay={{vigil.files.poll-interval-ms}}")
                .routeId("source-file").autoStartup("{{vigil.files.enabled}}")
                .process(exchange -> intake.take(exchange.getMessage().getBody(File.class).toPath()));
    }

    /** Each chunk is counted as it is handed on, so a large file shows on the sources page while it is read. */
    private void handOn(List<Observation> chunk) {
        producer.sendBody(IngestEndpoints.OBSERVATIONS, chunk);
        metrics.accepted(Sources.FILE, chunk.size());
    }
}
