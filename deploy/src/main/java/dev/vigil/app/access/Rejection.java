package dev.vigil.app.access;

import dev.vigil.feedback.FeedbackRejected;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every refused answer is answered with its status and {@code {"status": 401, "reason": "..."}}. */
@Provider
public class Rejection implements ExceptionMapper<FeedbackRejected> {

    public record Body(int status, String reason) {
    }

    @Override
    public Response toResponse(FeedbackRejected rejected) {
        return of(rejected.status(), rejected.reason());
    }

    public static Response of(int status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Body(status, reason)).build();
    }
}
