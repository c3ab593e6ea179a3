package dev.vigil.ingest;

/**
 * The endpoints every source route ends in. Bodies are lists, so a source that receives a batch
 * (a Kafka poll, a file) hands it on in one call rather than one exchange per event.
 */
public final class IngestEndpoints {

    /** Body: {@code List<Observation>}. */
    public static final String OBSERVATIONS = "direct:vigil-observations";
    /** Body: {@code List<LogEvent>}. */
    public static final String LOG_EVENTS = "direct:vigil-log-events";
    /** Body: a {@link dev.vigil.ingest.deadletter.DeadLetter}. */
    public static final String DEAD_LETTERS = "direct:vigil-dead-letters";

    private IngestEndpoints() {
    }
}
