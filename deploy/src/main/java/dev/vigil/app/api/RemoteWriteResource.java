package dev.vigil.app.api;

import dev.vigil.app.access.ApiKeyFilter;
import dev.vigil.app.access.Rejection;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.prometheus.RemoteWriteIntake;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 (a snappy-compressed protobuf {@code WriteRequest}), behind
 * the API key like the rest of {@code /api} ({@link ApiKeyFilter}). The samples become observations of source
 * {@code prometheus} ({@link RemoteWriteIntake}). 204 when the request was taken (series that break Vigil's name rules
 * are dead letters then, and stale markers or NaN samples are skipped); 400 with the reason for a body that cannot be
 * read, which Prometheus drops rather than retries; 404 when {@code vigil.prometheus.enabled} is false.
 */
@Path("/api/v1/write")
@Singleton
public class RemoteWriteResource {

    private final RemoteWriteIntake intake;
    private final boolean enabled;

    public RemoteWriteResource(RemoteWriteIntake intake, @ConfigProperty(name = "vigil.prometheus.enabled") boolean enabled) {
        this.intake = intake;
        this.enabled = enabled;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response write(byte[] body) {
        if (!enabled) {
            return Rejection.of(404, "the Prometheus remote-write receiver is off (vigil.prometheus.enabled)");
        }
        try {
            intake.take(body);
            return Response.noContent().build();
        } catch (InvalidInputException e) {
            return Rejection.of(400, e.getMessage());
        }
    }
}
