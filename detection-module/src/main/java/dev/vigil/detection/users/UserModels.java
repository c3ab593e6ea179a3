package dev.vigil.detection.users;

import java.util.List;
import java.util.Optional;

import dev.vigil.scoring.pmml.ModelSlot;
import dev.vigil.scoring.pmml.ModelSlot.Change;
import dev.vigil.scoring.pmml.PmmlModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * The users detectors' PMML models: loaded at start, looked at again on a timer, and every change said in the log
 * and counted in {@code vigil_model_reloads_total{detector, model, outcome}} (loaded, rejected, missing). A model
 * that loads is swapped in at once; one that does not fit leaves the running model (if any) and says why.
 */
final class UserModels {

    private static final Logger LOG = Logger.getLogger(UserModels.class);

    private final List<ModelSlot> slots;
    private final MeterRegistry registry;

    UserModels(List<ModelSlot> slots, MeterRegistry registry) {
        this.slots = List.copyOf(slots);
        this.registry = registry;
    }

    /** At start: every file read at once. */
    void load() {
        slots.forEach(slot -> slot.load().ifPresent(this::report));
    }

    /** On the timer: new versions swapped in, broken ones reported. */
    void refresh() {
        slots.forEach(slot -> slot.refresh().ifPresent(this::report));
    }

    List<ModelSlot> slots() {
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
