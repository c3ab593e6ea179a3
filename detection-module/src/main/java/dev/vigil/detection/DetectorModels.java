package dev.vigil.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.pmml.ModelSlot.Change;
import dev.vigil.scoring.pmml.PmmlModel;
import dev.vigil.scoring.users.ScoringProblems;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * The PMML models of one stream's detectors (users' windows, metric windows): loaded at start, looked at again on a
 * timer, and every change said in the log and counted in {@code vigil_model_reloads_total{detector, model, outcome}}
 * (loaded, rejected, missing). A model that loads is swapped in at once; one that does not fit leaves the running
 * model (if any) and says why.
 */
public final class DetectorModels {

    private static final Logger LOG = Logger.getLogger(DetectorModels.class);

    private final List<ModelSlot> slots;
    private final MeterRegistry registry;

    /** The models folder is made when a detector has a model and it is missing. */
    public DetectorModels(List<ModelSlot> slots, Path folder, MeterRegistry registry) {
        this.slots = List.copyOf(slots);
        this.registry = registry;
        if (!slots.isEmpty()) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                LOG.warnf("Cannot make the models folder %s: %s", folder, e.getMessage());
            }
        }
    }

    /**
     * Where a model reports a window it could not judge: logged with the entity and the field, and counted in
     * {@code vigil_model_input_errors_total{detector, scorer}}.
     */
    public static ScoringProblems problems(MeterRegistry registry) {
        return (detector, scorer, entity, message) -> {
            registry.counter("vigil.model.input.errors", "detector", detector, "scorer", scorer).increment();
            LOG.warnf("Detector %s could not use its %s on %s: %s", detector, scorer, entity, message);
        };
    }

    /** At start: every file read at once. */
    public void load() {
        slots.forEach(slot -> slot.load().ifPresent(this::report));
    }

    /** On the timer: new versions swapped in, broken ones reported. */
    public void refresh() {
        slots.forEach(slot -> slot.refresh().ifPresent(this::report));
    }

    public List<ModelSlot> slots() {
        return slots;
    }

    private void report(Change change) {
        registry.counter("vigil.model.reloads", "detector", change.detector(), "model",
                change.file().getFileName().toString(), "outcome", change.outcome().name().toLowerCase()).increment();
        String running = Optional.ofNullable(change.model()).map(PmmlModel::toString)
                .map(m -> "it keeps scoring with " + m).orElse("it scores without a model until a valid one is there");
        switch (change.outcome()) {
            case LOADED -> LOG.infof("Detector %s scores with PMML model %s%s", change.detector(), change.model(),
                    change.previous() == null ? "" : " (was " + change.previous() + ")");
            case REJECTED -> LOG.errorf("Detector %s: model file %s rejected: %s; %s", change.detector(),
                    change.file(), change.reason(), running);
            case MISSING -> LOG.infof("Detector %s: no model file %s; %s", change.detector(), change.file(), running);
        }
    }
}
