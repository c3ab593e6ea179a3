package dev.vigil.app.console;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

import dev.vigil.app.api.SilencesResource;
import dev.vigil.ingest.activity.SourceActivity;
import dev.vigil.ingest.activity.SourceStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator console's pages, rendered on the server with Qute; their live parts are filled by the console's script
 * from the same REST endpoints a script can use ({@code /api/sources/stream}, {@code /api/silences}). Every page but
 * the login needs a session (the {@code /console/*} permission in application.properties; Quarkus form
 * authentication checks the user with {@link ConsoleIdentityProvider}).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    /** What the layout needs on every page: the title, the active navigation entry, the user and their CSRF token. */
    public record Page(String title, String nav, String user, String csrf) {
    }

    /** The silence form's starting values, from the query (so an alert can link "silence this"). */
    public record SilenceForm(String matchers, String comment, String duration) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, String hint);

        static native TemplateInstance alerts(Page page);

        static native TemplateInstance detectors(Page page);

        static native TemplateInstance sources(Page page, List<SourceStatus> sources);

        static native TemplateInstance silences(Page page, List<SilencesResource.View> silences, SilenceForm form);
    }

    private final ConsoleCsrf csrf;
    private final SourceActivity activity;
    private final SilencesResource silences;
    private final SecurityIdentity identity;
    private final String loginHint;

    public ConsolePages(ConsoleCsrf csrf, SourceActivity activity, SilencesResource silences, SecurityIdentity identity,
            @ConfigProperty(name = "vigil.console.login-hint") Optional<String> loginHint) {
        this.csrf = csrf;
        this.activity = activity;
        this.silences = silences;
        this.identity = identity;
        this.loginHint = loginHint.orElse("");
    }

    @GET
    public Response home() {
        // the alerts list is the console's home once it exists (phase 2); until then the sources
        return Response.seeOther(URI.create("/console/sources")).build();
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("failed") String failed) {
        return Templates.login(failed != null, loginHint);
    }

    @GET
    @Path("alerts")
    public TemplateInstance alerts(@Context SecurityContext security) {
        return Templates.alerts(page("Alerts", "alerts", security));
    }

    @GET
    @Path("detectors")
    public TemplateInstance detectors(@Context SecurityContext security) {
        return Templates.detectors(page("Detectors", "detectors", security));
    }

    @GET
    @Path("sources")
    public TemplateInstance sources(@Context SecurityContext security) {
        return Templates.sources(page("Sources", "sources", security), activity.statuses());
    }

    /**
     * The silences, and the form to make one. {@code ?matcher=entity="boiler-1"&matcher=site="plant-1"
     * &comment=...&duration=2h} prefills it.
     */
    @GET
    @Path("silences")
    public TemplateInstance silences(@Context SecurityContext security, @QueryParam("matcher") List<String> matchers,
            @QueryParam("comment") String comment, @QueryParam("duration") String duration) {
        SilenceForm form = new SilenceForm(String.join("\n", matchers), comment == null ? "" : comment,
                duration == null ? "2h" : duration);
        return Templates.silences(page("Silences", "silences", security), silences.list(), form);
    }

    /** Ends the session: a form post with the user's CSRF token, so another site cannot log anyone out. */
    @POST
    @Path("logout")
    public Response logout(@FormParam(ConsoleCsrf.FORM_FIELD) String token, @Context SecurityContext security) {
        Principal user = security.getUserPrincipal();
        if (user == null || !csrf.valid(user.getName(), token)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("missing or wrong CSRF token").build();
        }
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/console/login")).build();
    }

    private Page page(String title, String nav, SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        return new Page(title, nav, user, csrf.tokenFor(user));
    }
}
