package dev.vigil.app.api;

import java.util.function.Function;

import com.google.protobuf.MessageLite;
import dev.vigil.app.access.ApiKeyFilter;
import dev.vigil.app.access.Rejection;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.otlp.OtlpIntake;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * OTLP/HTTP with binary protobuf, under the base URL {@code /api/otlp} (an exporter's
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, to which it appends the standard {@code /v1/metrics} and {@code /v1/logs}),
 * behind the API key like the rest of {@code /api} ({@link ApiKeyFilter}; exporters send it with
 * {@code OTEL_EXPORTER_OTLP_HEADERS}). Metrics' gauges and sums become observations, log records log events, of
 * source {@code otlp} ({@link OtlpIntake}). 200 with the export response (its {@code partial_success} counting what
 * was rejected or skipped); 400 for a body that is not the request's protobuf; 415 for OTLP/JSON (not served); 404
 * when {@code vigil.otlp.enabled} is false.
 */
@Path("/api/otlp/v1")
@Singleton
public class OtlpResource {

    private static final String PROTOBUF = "application/x-protobuf";

    private final OtlpIntake intake;
    private final boolean enabled;

    public OtlpResource(OtlpIntake intake, @ConfigProperty(name = "vigil.otlp.enabled") boolean enabled) {
        this.intake = intake;
        this.enabled = enabled;
    }

    @POST
    @Path("metrics")
    @Consumes(PROTOBUF)
    public Response metrics(byte[] body) {
        return export(body, intake::metrics);
    }

    @POST
    @Path("logs")
    @Consumes(PROTOBUF)
    public Response logs(byte[] body) {
        return export(body, intake::logs);
    }

    private Response export(byte[] body, Function<byte[], ? extends MessageLite> take) {
        if (!enabled) {
            return Rejection.of(404, "the OTLP receiver is off (vigil.otlp.enabled)");
        }
        try {
            return Response.ok(take.apply(body).toByteArray(), PROTOBUF).build();
        } catch (InvalidInputException e) {
            return Rejection.of(400, e.getMessage());
        }
    }
}
