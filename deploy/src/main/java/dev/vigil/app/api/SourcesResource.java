package dev.vigil.app.api;

import java.time.Duration;
import java.util.List;

import dev.vigil.app.access.ApiKeyFilter;
import dev.vigil.ingest.activity.SourceActivity;
import dev.vigil.ingest.activity.SourceStatus;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code /api/sources}: what every source did lately ({@link SourceStatus}: events per second, the last event, whether
 * it went quiet, dead letters with the latest reasons, five minutes of rate history), behind the API key or the
 * console's session ({@link ApiKeyFilter}). {@code /api/sources/stream} sends the same list as server-sent events
 * every {@code vigil.console.live-interval}: the console's live view, and a script's too
 * ({@code curl -N -H "X-Vigil-Api-Key: ..." .../api/sources/stream}).
 */
@Path("/api/sources")
public class SourcesResource {

    private final SourceActivity activity;
    private final Duration liveInterval;

    public SourcesResource(SourceActivity activity,
            @ConfigProperty(name = "vigil.console.live-interval") Duration liveInterval) {
        this.activity = activity;
        this.liveInterval = liveInterval;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SourceStatus> list() {
        return activity.statuses();
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<List<SourceStatus>> stream() {
        // the first list at once, then one per interval; a slow reader skips lists rather than queueing them
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(liveInterval)
                .onOverflow().drop()
                .map(tick -> activity.statuses());
    }
}
