package dev.vigil.app.api;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.vigil.app.access.Rejection;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.export.FeatureExport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /api/export/features[?detector=NAME][&from=ISO][&to=ISO][&labelled=true]} behind the API key: the score
 * history's windows as CSV ({@link FeatureExport}), streamed; the header {@code X-Vigil-Rows} says how many rows
 * follow the header line. 400 for a bad instant or an empty range, 404 for an unknown detector.
 */
@Path("/api/export/features")
public class ExportResource {

    public static final String ROWS_HEADER = "X-Vigil-Rows";

    private final FeatureExport export;
    private final LiveDetectors detectors;

    public ExportResource(FeatureExport export, LiveDetectors detectors) {
        this.export = export;
        this.detectors = detectors;
    }

    @GET
    @Produces({"text/csv", "application/json"})
    public Response features(@QueryParam("detector") String detector, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("labelled") boolean labelled) throws Exception {
        Instant start;
        Instant end;
        try {
            start = from == null ? Instant.EPOCH : Instant.parse(from);
            end = to == null ? Instant.parse("9999-01-01T00:00:00Z") : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return Rejection.of(400, "from and to are ISO-8601 instants such as 2026-11-01T00:00:00Z, got '"
                    + e.getParsedString() + "'");
        }
        if (!end.isAfter(start)) {
            return Rejection.of(400, "to (" + end + ") must be after from (" + start + ")");
        }
        if (detector != null && detectors.named(detector).isEmpty()) {
            return Rejection.of(404, "unknown detector '" + detector + "', known: "
                    + detectors.all().stream().map(LiveDetector::name).toList());
        }
        long rows = export.rows(detector, start, end);
        StreamingOutput body = out -> {
            try {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                export.write(writer, detector, start, end, labelled);
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                throw new WebApplicationException("the export failed: " + e.getMessage(), e);
            }
        };
        return Response.ok(body, "text/csv").header(ROWS_HEADER, rows)
                .header("Content-Disposition", "attachment; filename=\"vigil-features.csv\"").build();
    }
}
