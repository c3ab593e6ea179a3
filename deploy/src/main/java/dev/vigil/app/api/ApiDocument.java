package dev.vigil.app.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The OpenAPI document Vigil serves at {@code /q/openapi}: SmallRye describes the resources of this package from
 * their JAX-RS annotations; this filter adds what the annotations cannot say. Every {@code /api} operation requires
 * the API key in {@code X-Vigil-Api-Key} ({@link dev.vigil.app.access.ApiKeyFilter} checks it, not an annotation);
 * the webhooks ({@code /slack}, {@code /webhooks}) are signed by their senders instead and say so.
 */
public final class ApiDocument implements OASFilter {

    static final String API_KEY = "api-key";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.info(OASFactory.createInfo().title("Vigil").version(version())
                .description("Alerts, feedback, silences, thresholds, deliveries, sources and models of a running "
                        + "Vigil. Every /api operation takes the API key in the X-Vigil-Api-Key header "
                        + "(vigil.api.keys); refusals answer {\"status\", \"reason\"}."));
        openAPI.components(openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents());
        openAPI.getComponents().addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-Vigil-Api-Key"));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                if (path.getKey().startsWith("/api/")) {
                    operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(API_KEY)));
                } else {
                    operation.setDescription(join(operation.getDescription(), "Signed by its sender (Slack's signing "
                            + "secret, or the ticket system's shared secret), not by an API key."));
                }
            }
        }
    }

    private static String join(String description, String more) {
        return description == null || description.isBlank() ? more : description + " " + more;
    }

    private static String version() {
        String version = ApiDocument.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
