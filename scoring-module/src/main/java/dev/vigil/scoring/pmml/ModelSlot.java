package dev.vigil.scoring.pmml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The model one detector scores with, from one file of the models folder, swapped atomically when a new valid
 * version of the file appears. Scoring threads read {@link #current()}; one thread calls {@link #refresh()}.
 * <p>
 * A changed file is read once its size and modification time have stayed the same over one refresh (so a file
 * still being copied is not read half-written), then loaded and checked like at start; only a model that passes
 * replaces the running one. A file that fails is reported once per content (its checksum) with the reason, and the
 * running model, if any, stays. A file that disappears leaves the running model in place too.
 */
public final class ModelSlot {

    /** What a refresh did. */
    public enum Outcome {
        /** A new model is in use. */
        LOADED,
        /** The file's content could not be used; the running model (if any) stays. */
        REJECTED,
        /** The file is gone; the running model (if any) stays. */
        MISSING
    }

    /**
     * One change of a slot, for the log and the metrics.
     *
     * @param model    the model in use after the change, or null when there is none
     * @param previous the model in use before, or null
     * @param reason   why a file was rejected or is missing; null when loaded
     */
    public record Change(String detector, Path file, Outcome outcome, PmmlModel model, PmmlModel previous,
            String reason) {
    }

    private final String detector;
    private final Path file;
    private final Map<String, String> inputByFeature;
    private final Set<String> features;
    private final Consumer<PmmlModel> check;
    private final AtomicReference<PmmlModel> current = new AtomicReference<>();
    private volatile String problem;
    /** Size and modification time seen at the last refresh; null before the first, MISSING when there was no file. */
    private Stamp seen;
    /** The look of the file whose content was last dealt with (loaded, found unchanged or rejected). */
    private Stamp handled;
    /** The checksum of the last content that failed, so it is reported once, not at every refresh. */
    private String rejectedChecksum;

    /**
     * @param inputByFeature Vigil feature name to model input field
     * @param features       the features the detector's windows have: a model input the mapping leaves out is fed by
     *                       the feature of its own name, and a model whose input no feature feeds is rejected
     * @param check          what the detector further requires of a model (a k-means model needs a threshold, say):
     *                       throws {@link PmmlModelException} to reject it
     */
    public ModelSlot(String detector, Path file, Map<String, String> inputByFeature, Set<String> features,
            Consumer<PmmlModel> check) {
        this.detector = detector;
        this.file = file;
        this.inputByFeature = Map.copyOf(inputByFeature);
        this.features = Set.copyOf(features);
        this.check = check;
    }

    public String detector() {
        return detector;
    }

    public Path file() {
        return file;
    }

    /** The model in use, if any. */
    public Optional<PmmlModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** Why the file in the folder is not the model in use (rejected or missing), or empty when they agree. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The first load, at start: the file is read at once, whatever its age. */
    public synchronized Optional<Change> load() {
        Stamp stamp = stamp();
        seen = stamp;
        return stamp == Stamp.MISSING ? Optional.of(missing()) : Optional.ofNullable(read());
    }

    /** Looks at the file again; swaps in a new valid version once it has stopped changing. */
    public synchronized Optional<Change> refresh() {
        Stamp stamp = stamp();
        Stamp before = seen;
        seen = stamp;
        if (stamp == Stamp.MISSING) {
            return before == Stamp.MISSING ? Optional.empty() : Optional.of(missing());
        }
        if (!stamp.equals(before) || stamp.equals(handled)) {
            // changed since the last look (wait until it holds still), or already dealt with
            return Optional.empty();
        }
        return Optional.ofNullable(read());
    }

    private Change read() {
        handled = seen;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return reject("cannot read " + file + ": " + e, null);
        }
        String checksum = PmmlModel.sha256(bytes);
        PmmlModel running = current.get();
        if (running != null && running.checksum().equals(checksum)) {
            // touched or copied again with the same content: nothing to do
            problem = null;
            return null;
        }
        if (checksum.equals(rejectedChecksum)) {
            return null;
        }
        try {
            PmmlModel model = PmmlModel.load(file, bytes, inputByFeature, features);
            check.accept(model);
            current.set(model);
            problem = null;
            rejectedChecksum = null;
            return new Change(detector, file, Outcome.LOADED, model, running, null);
        } catch (PmmlModelException e) {
            return reject(e.getMessage(), checksum);
        }
    }

    private Change reject(String reason, String checksum) {
        rejectedChecksum = checksum;
        PmmlModel running = current.get();
        problem = reason;
        return new Change(detector, file, Outcome.REJECTED, running, running, reason);
    }

    private Change missing() {
        PmmlModel running = current.get();
        problem = "no file " + file;
        return new Change(detector, file, Outcome.MISSING, running, running, problem);
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis())
                    : Stamp.MISSING;
        } catch (NoSuchFileException e) {
            return Stamp.MISSING;
        } catch (IOException e) {
            return Stamp.MISSING;
        }
    }

    /** What a file looks like from outside: changed content almost always changes one of them. */
    private record Stamp(long size, long modified) {
        static final Stamp MISSING = new Stamp(-1, -1);
    }
}
