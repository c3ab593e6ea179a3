package dev.vigil.app.console;

import java.net.URI;
import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.vigil.alerting.outbox.DeliveryLog;
import dev.vigil.alerting.outbox.DeliveryQuery;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.access.ConsoleCsrf;
import dev.vigil.app.access.ConsoleIdentityProvider;
import dev.vigil.app.query.RelatedAlerts;
import dev.vigil.app.query.SilenceView;
import dev.vigil.contracts.Alert;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator console's pages, rendered on the server with Qute; their live parts are filled by the console's script
 * from the same REST endpoints a script can use ({@code /api/alerts/ranked/stream}, {@code /api/alerts/{id}/series},
 * {@code /api/alerts/{id}/feedback}, {@code /api/report}, {@code /api/sources/stream}, {@code /api/silences}). Every page but
 * the login needs a session (the {@code /console/*} permission in application.properties; Quarkus form
 * authentication checks the user with {@link ConsoleIdentityProvider}).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    /**
     * What the layout needs on every page: the title, the active navigation entry, which part of the script runs
     * ({@code <body data-page>}), the user and their CSRF token.
     */
    public record Page(String title, String nav, String view, String user, String csrf) {
    }

    /** The alerts list's starting filters, from the query, so a filtered list can be linked. */
    public record AlertFilter(String severity, String source, String label) {
    }

    /** The silence form's starting values, from the query (so an alert can link "silence this"). */
    public record SilenceForm(String matchers, String comment, String duration) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, String hint);

        static native TemplateInstance alerts(Page page, AlertFilter filter);

        static native TemplateInstance alert(Page page, AlertDetail detail);

        static native TemplateInstance unknownAlert(Page page, String id);

        static native TemplateInstance detectors(Page page);

        static native TemplateInstance sources(Page page, List<SourceStatus> sources);

        static native TemplateInstance silences(Page page, List<SilenceView> silences, SilenceForm form);
    }

    private final ConsoleCsrf csrf;
    private final SourceActivity activity;
    private final Silences silences;
    private final AlertStore alerts;
    private final DeliveryLog deliveries;
    private final RelatedAlerts related;
    private final SecurityIdentity identity;
    private final String loginHint;

    public ConsolePages(ConsoleCsrf csrf, SourceActivity activity, Silences silences, AlertStore alerts,
            DeliveryLog deliveries, RelatedAlerts related, SecurityIdentity identity,
            @ConfigProperty(name = "vigil.console.login-hint") Optional<String> loginHint) {
        this.csrf = csrf;
        this.activity = activity;
        this.silences = silences;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.related = related;
        this.identity = identity;
        this.loginHint = loginHint.orElse("");
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/alerts")).build();
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("failed") String failed) {
        return Templates.login(failed != null, loginHint);
    }

    /** The alerts, ranked and live; {@code ?severity=critical&source=mqtt&label=site="plant-1"} prefills the filters. */
    @GET
    @Path("alerts")
    public TemplateInstance alerts(@Context SecurityContext security, @QueryParam("severity") String severity,
            @QueryParam("source") String source, @QueryParam("label") String label) {
        return Templates.alerts(page("Alerts", "alerts", security), new AlertFilter(orEmpty(severity), orEmpty(source),
                orEmpty(label)));
    }

    /** One alert: its series, its explanation in full, its incident, who was told, and the verdict buttons. */
    @GET
    @Path("alerts/{id}")
    public Response alert(@Context SecurityContext security, @PathParam("id") String id) throws SQLException {
        Optional<Alert> alert = alerts.byId(id);
        if (alert.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Templates.unknownAlert(page("Unknown alert", "alerts", "unknown-alert", security), id)).build();
        }
        AlertDetail detail = AlertDetail.of(alert.get(), deliveries.find(DeliveryQuery.ofAlert(id)),
                related.of(alert.get()));
        return Response.ok(Templates.alert(page(alert.get().entity(), "alerts", "alert", security), detail)).build();
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
        return Templates.silences(page("Silences", "silences", security), silences.list().stream().map(SilenceView::of).toList(), form);
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

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private Page page(String title, String nav, SecurityContext security) {
        return page(title, nav, nav, security);
    }

    private Page page(String title, String nav, String view, SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        return new Page(title, nav, view, user, csrf.tokenFor(user));
    }
}
