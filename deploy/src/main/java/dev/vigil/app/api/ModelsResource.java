package dev.vigil.app.api;

import java.util.List;

import dev.vigil.app.access.ApiKeyFilter;
import dev.vigil.detection.DetectionEngine;
import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.pmml.PmmlModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/models} (behind the API key, {@link ApiKeyFilter}): each detector's model file, the model in use
 * (name, version, SHA-256, kind) and, when the file in the folder is not the one in use, why.
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    /** One detector's model as the API shows it; {@code model} is null while none is loaded. */
    public record View(String detector, String file, Model model, String problem) {

        static View of(ModelSlot slot) {
            return new View(slot.detector(), slot.file().toString(), slot.current().map(Model::of).orElse(null),
                    slot.problem().orElse(null));
        }
    }

    /** A loaded model. */
    public record Model(String name, String version, String sha256, String kind, List<String> inputs) {

        static Model of(PmmlModel model) {
            return new Model(model.name(), model.version(), model.checksum(), model.kind(), model.inputFields());
        }
    }

    private final DetectionEngine engine;

    public ModelsResource(DetectionEngine engine) {
        this.engine = engine;
    }

    @GET
    public List<View> list() {
        return engine.modelSlots().stream().map(View::of).toList();
    }
}
