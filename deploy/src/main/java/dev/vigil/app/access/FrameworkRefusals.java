package dev.vigil.app.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The refusals the HTTP framework makes on its own, answered like every refusal Vigil makes itself ({@link Rejection}):
 * the status and {@code {"status": 415, "reason": "..."}}. Covers a path no endpoint serves (404), a method the path
 * does not take (405), a body of a content type it does not read (415), an {@code Accept} it cannot answer (406), a
 * body that is not JSON or not of the expected shape (400) and a path or query parameter that cannot be converted to
 * its type (400: the request is malformed, not the resource missing). A refusal that already carries a body (an
 * endpoint's own {@link Rejection}) passes unchanged.
 *
 * <p>Because a mapper of {@link NotFoundException} exists, the framework answers an unmatched path itself rather than
 * handing it on to later HTTP routes; the routes it serves beside (health, metrics, static files) come first.
 */
public class FrameworkRefusals {

    @ServerExceptionMapper
    public Response refused(WebApplicationException refusal, ContainerRequestContext request) {
        Response original = refusal.getResponse();
        if (original.hasEntity() || original.getStatus() < 400) {
            return original;
        }
        if (refusal instanceof NotFoundException && refusal.getCause() != null) {
            // a path or query parameter the framework could not convert to its type: JAX-RS says 404, but the
            // request is what is wrong, not the resource missing
            return Rejection.of(400, unreadableParameter(refusal.getCause(), request.getUriInfo()));
        }
        int status = original.getStatus();
        Response.ResponseBuilder answer = Response.fromResponse(Rejection.of(status, reason(refusal, request)));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    /** A body of the right syntax but the wrong shape ({@code {"verdict": [1, 2]}}): which field, and what was wrong. */
    @ServerExceptionMapper
    public Response misshapen(MismatchedInputException mismatch) {
        String field = field(mismatch.getPath());
        if (field.isEmpty()) {
            return Rejection.of(400, "the body must be a JSON object" + at(mismatch.getLocation()));
        }
        return Rejection.of(400, "the body's '" + field + "' does not fit: " + mismatch.getOriginalMessage()
                + at(mismatch.getLocation()));
    }

    private static String reason(WebApplicationException refusal, ContainerRequestContext request) {
        String target = request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath();
        if (refusal instanceof NotFoundException) {
            return "nothing is served at " + target;
        }
        if (refusal instanceof NotAllowedException) {
            return "method " + request.getMethod() + " is not allowed at " + request.getUriInfo().getRequestUri().getRawPath();
        }
        if (refusal instanceof NotSupportedException) {
            String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            return "a body of content type " + (type == null ? "(none)" : "'" + type + "'") + " is not accepted by " + target
                    + "; send application/json";
        }
        if (refusal instanceof NotAcceptableException) {
            return "no representation of " + target + " matches Accept: " + request.getHeaderString(HttpHeaders.ACCEPT);
        }
        if (refusal.getCause() instanceof JacksonException json) {
            return "the body is not valid JSON: " + json.getOriginalMessage() + at(json.getLocation());
        }
        return refusal.getResponse().getStatusInfo().getReasonPhrase() + " (" + target + ")";
    }

    private static String field(List<Reference> path) {
        return path.stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Names the parameter whose value the conversion's message quotes, when one does. */
    private static String unreadableParameter(Throwable conversion, UriInfo uri) {
        String message = String.valueOf(conversion.getMessage());
        Map<String, List<String>> parameters = new LinkedHashMap<>(uri.getPathParameters());
        parameters.putAll(uri.getQueryParameters());
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (!value.isEmpty() && message.contains("\"" + value + "\"")) {
                    return "parameter '" + parameter.getKey() + "' cannot be '" + value + "' (" + message + ")";
                }
            }
        }
        return "a path or query parameter cannot be read: " + message;
    }
}
