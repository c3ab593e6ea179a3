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
    public static final String USER_EVENTS = "direct:vigil-user-event-batches";
    /**
     * Body: one JSON reading {@code {"metric":"…","value":1.5,"ts":"…","tags":{…}}} (text or bytes), header
     * {@value #SOURCE_HEADER} naming the source. The end of a user's own route (a YAML file in the routes folder):
     * the reading is checked like an MQTT one, bad input goes to the dead letters with that source. Or any JSON object
     * with the mapping headers {@value #VALUE_HEADER}, {@value #METRIC_HEADER}, {@value #TIME_HEADER} and
     * {@value #TAGS_HEADER} saying where its reading's fields are.
     */
    public static final String READINGS = "direct:vigil-readings";
    /**
     * Body: one log line (text or bytes) in the format {@value #LOG_FORMAT_HEADER} names (default {@code vigil}), or
     * one JSON log event, header {@value #SOURCE_HEADER}; the service from the line, else {@value #SERVICE_HEADER},
     * else the source's name. The end of a user's own log source.
     */
    public static final String LOG_LINES = "direct:vigil-log-lines";
    /**
     * Body: one JSON user event (as on the users topic), header {@value #SOURCE_HEADER}; the user from the event,
     * else {@value #USER_HEADER}. The end of a user's own source of user events.
     */
    public static final String USER_EVENT_ITEMS = "direct:vigil-user-events";
    /** The header that names a user route's source, in metrics, dead letters and alerts. */
    public static final String SOURCE_HEADER = "vigilSource";
    /** The header naming the log format of {@link #LOG_LINES}' lines. */
    public static final String LOG_FORMAT_HEADER = "vigilLogFormat";
    /** The header naming the service of a log line that names none. */
    public static final String SERVICE_HEADER = "vigilService";
    /** The header naming the user of a user event that names none. */
    public static final String USER_HEADER = "vigilUser";
    /**
     * The header naming where the value of a JSON item sent to {@link #READINGS} is: a JSON path ({@code $.temp}).
     * With it the body is any JSON object, mapped to a reading by this and the three headers below, each a JSON path
     * (starting with {@code $}) or a constant.
     */
    public static final String VALUE_HEADER = "vigilValue";
    /** The mapping header naming the metric of a JSON item: a JSON path ({@code $.name}) or a constant. */
    public static final String METRIC_HEADER = "vigilMetric";
    /** The mapping header naming the time of a JSON item (a JSON path); without it, the time of receipt. */
    public static final String TIME_HEADER = "vigilTime";
    /** The mapping header naming the tags of a JSON item: {@code name=field,name=field} ({@code boiler=$.id,site=north}). */
    public static final String TAGS_HEADER = "vigilTags";
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
    /** Start-up order of the route consuming {@link #LOG_LINES}. */
    public static final int LOG_LINES_START = 15;
    /** Start-up order of the route consuming {@link #USER_EVENT_ITEMS}. */
    public static final int USER_EVENT_ITEMS_START = 16;

    private IngestEndpoints() {
    }
}
