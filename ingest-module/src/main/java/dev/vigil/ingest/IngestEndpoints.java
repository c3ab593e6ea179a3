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
    /** Body: {@code List<UserEvent>}. */
    public static final String USER_EVENTS = "direct:vigil-user-events";
    /**
     * Body: one JSON reading {@code {"metric":"…","value":1.5,"ts":"…","tags":{…}}} (text or bytes), header
     * {@value #SOURCE_HEADER} naming the source. The end of a user's own route (a YAML file in the routes folder):
     * the reading is checked like an MQTT one, bad input goes to the dead letters with that source.
     */
    public static final String READINGS = "direct:vigil-readings";
    /** The header that names a user route's source, in metrics, dead letters and alerts. */
    public static final String SOURCE_HEADER = "vigilSource";
    /** Body: a {@link dev.vigil.ingest.deadletter.DeadLetter}. */
    public static final String DEAD_LETTERS = "direct:vigil-dead-letters";

    /*
     * The start-up order (Camel's startupOrder, each value once) of the routes that consume the endpoints above: they
     * start before every source, whose routes have none (Camel numbers those from 1000). A source with a backlog (a
     * persistent MQTT session, a full Kafka topic) hands events on the moment it starts, and Paho delivers them on the
     * thread that is still connecting: an endpoint whose consumer was not up yet held the start for the direct
     * component's timeout per message, then dead-lettered it.
     */
    /** Start-up order of the route consuming {@link #DEAD_LETTERS}. */
    public static final int DEAD_LETTERS_START = 10;
    /** Start-up order of the route consuming {@link #READINGS}. */
    public static final int READINGS_START = 11;
    /** Start-up order of the route consuming {@link #OBSERVATIONS}. */
    public static final int OBSERVATIONS_START = 12;
    /** Start-up order of the route consuming {@link #LOG_EVENTS}. */
    public static final int LOG_EVENTS_START = 13;
    /** Start-up order of the route consuming {@link #USER_EVENTS}. */
    public static final int USER_EVENTS_START = 14;

    private IngestEndpoints() {
    }
}
