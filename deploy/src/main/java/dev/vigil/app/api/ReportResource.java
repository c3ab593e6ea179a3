package dev.vigil.app.api;

import dev.vigil.app.access.Rejection;
import dev.vigil.feedback.report.ReportBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/report[?days=7]} behind the API key: the {@link dev.vigil.feedback.report.Report} of the last
 * {@code days} UTC days (1 to 366, today included).
 */
@Path("/api/report")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportBuilder reports;

    public ReportResource(ReportBuilder reports) {
        this.reports = reports;
    }

    @GET
    public Response report(@QueryParam("days") Integer days) throws Exception {
        int span = days == null ? 7 : days;
        if (span < 1 || span > 366) {
            return Rejection.of(400, "days must be between 1 and 366, got " + span);
        }
        return Response.ok(reports.lastDays(span)).build();
    }
}
