package dev.vigil.ingest.sparkplug;

/** Where the Sparkplug source hands on what is not an observation. */
public final class SparkplugEndpoints {

    /**
     * Body: {@code List<EdgeStatus>}, deaths and births in the order received. Synchronous: the source's batch is
     * acknowledged to the broker once whoever consumes this has taken them.
     */
    public static final String EDGE_STATUS = "direct:vigil-edge-status";

    /**
     * Start-up order of the route consuming {@link #EDGE_STATUS}: before every source, like the endpoints of
     * {@link dev.vigil.ingest.IngestEndpoints}, and apart from their numbers.
     */
    public static final int EDGE_STATUS_START = 30;

    private SparkplugEndpoints() {
    }
}
