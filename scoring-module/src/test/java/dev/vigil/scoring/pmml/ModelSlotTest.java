package dev.vigil.scoring.pmml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.vigil.scoring.pmml.TestModels.inputs;
import static dev.vigil.scoring.pmml.TestModels.readCsv;
import static dev.vigil.scoring.pmml.TestModels.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Hot reload: a new valid version is swapped in once it holds still; anything else leaves the running model. */
class ModelSlotTest {

    /** The reference models' inputs, all fed by features of the same names. */
    private static final Set<String> FEATURES = Set.of("login_count_1h", "failed_login_ratio_1h", "distinct_ips_24h",
            "distinct_countries_24h", "write_ops_ratio", "requests_per_min", "distinct_endpoints",
            "night_activity_ratio");

    @TempDir
    Path folder;

    private long clock = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final Map<String, Double> row = inputs(PmmlModel.load(resource("kmeans_userbehaviour.pmml")),
            readCsv(resource("userbehaviour_test.csv")).get(0));

    private ModelSlot slot(Path file) {
        return new ModelSlot("users", file, Map.of(), FEATURES, model -> {
        });
    }

    /** Writes a file the way a copy does, with a modification time of its own (file systems round it to seconds). */
    private Path put(String resourceName, String as, String version) throws IOException {
        String pmml = Files.readString(resource(resourceName));
        if (version != null) {
            pmml = pmml.replace("<Header>", "<Header modelVersion=\"" + version + "\">");
        }
        Path file = folder.resolve(as);
        Path partial = folder.resolve("." + as + ".partial");
        Files.writeString(partial, pmml);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        clock += 10_000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
        return file;
    }

    @Test
    void aValidFileIsLoadedAtStartAndScores() throws IOException {
        ModelSlot slot = slot(put("kmeans_userbehaviour.pmml", "users.pmml", "1"));

        Optional<ModelSlot.Change> change = slot.load();

        assertThat(change).get().extracting(ModelSlot.Change::outcome).isEqualTo(ModelSlot.Outcome.LOADED);
        assertThat(slot.current()).get().extracting(PmmlModel::version).isEqualTo("1");
        assertThat(slot.current().get().score("user-1", row).modelVersion()).isEqualTo("1");
        assertThat(slot.problem()).isEmpty();
    }

    @Test
    void aMissingFileAtStartLeavesTheSlotEmptyAndIsLoadedWhenItAppears() throws IOException {
        ModelSlot slot = slot(folder.resolve("users.pmml"));

        assertThat(slot.load()).get().extracting(ModelSlot.Change::outcome).isEqualTo(ModelSlot.Outcome.MISSING);
        assertThat(slot.current()).isEmpty();
        assertThat(slot.problem()).get().asString().startsWith("no file ");
        assertThat(slot.refresh()).isEmpty();

        put("kmeans_userbehaviour.pmml", "users.pmml", "1");
        assertThat(slot.refresh()).as("just appeared: wait until it holds still").isEmpty();
        assertThat(slot.refresh()).get().extracting(ModelSlot.Change::outcome).isEqualTo(ModelSlot.Outcome.LOADED);
        assertThat(slot.current()).isPresent();
    }

    @Test
    void aNewVersionIsSwappedInAtomicallyOnceItHoldsStill() throws IOException {
        ModelSlot slot = slot(put("kmeans_userbehaviour.pmml", "users.pmml", "1"));
        slot.load();
        PmmlModel first = slot.current().orElseThrow();

        put("kmeans_userbehaviour.pmml", "users.pmml", "2");
        assertThat(slot.refresh()).isEmpty();
        assertThat(slot.current()).containsSame(first);
        ModelSlot.Change change = slot.refresh().orElseThrow();

        assertThat(change.outcome()).isEqualTo(ModelSlot.Outcome.LOADED);
        assertThat(change.previous()).isSameAs(first);
        assertThat(change.model().version()).isEqualTo("2");
        assertThat(change.model().checksum()).isNotEqualTo(first.checksum());
        assertThat(slot.current()).containsSame(change.model());
        assertThat(slot.refresh()).isEmpty();
    }

    @Test
    void aBrokenFileIsRejectedOnceWithItsReasonAndTheRunningModelStays() throws IOException {
        ModelSlot slot = slot(put("kmeans_userbehaviour.pmml", "users.pmml", "1"));
        slot.load();
        PmmlModel running = slot.current().orElseThrow();
        Path file = folder.resolve("users.pmml");
        Files.writeString(file, "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\"><Header></PMML>");
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock += 10_000));

        slot.refresh();
        ModelSlot.Change change = slot.refresh().orElseThrow();

        assertThat(change.outcome()).isEqualTo(ModelSlot.Outcome.REJECTED);
        assertThat(change.reason()).contains("users.pmml").contains("not a valid PMML document");
        assertThat(change.model()).isSameAs(running);
        assertThat(slot.current()).containsSame(running);
        assertThat(slot.problem()).get().asString().contains("not a valid PMML document");
        assertThat(slot.refresh()).as("reported once, not at every look").isEmpty();
        assertThat(slot.current().get().score("user-1", row).score()).isBetween(0.0, 1.0);
    }

    @Test
    void aModelThatDoesNotFitTheDetectorIsRejectedNamingTheField() throws IOException {
        ModelSlot mapped = new ModelSlot("users", put("kmeans_userbehaviour.pmml", "users.pmml", "1"),
                Map.of("logins", "login_count_1h"), Set.of(), model -> {
                });
        ModelSlot needsBoundary = new ModelSlot("users", folder.resolve("users.pmml"), Map.of(), FEATURES, model -> {
            if (!model.hasBoundary()) {
                throw new PmmlModelException(model.name() + " is a " + model.kind()
                        + " model, which has no decision boundary of its own: set a threshold");
            }
        });

        assertThat(mapped.load().orElseThrow().reason()).contains("model input field 'failed_login_ratio_1h' is not fed "
                + "by any feature in the mapping {logins=login_count_1h} and there is no feature of that name");
        assertThat(needsBoundary.load().orElseThrow().reason())
                .isEqualTo("users.pmml is a k-means model, which has no decision boundary of its own: set a threshold");
        assertThat(needsBoundary.current()).isEmpty();
    }

    @Test
    void aFileThatDisappearsLeavesTheRunningModelAndTheSameContentAgainChangesNothing() throws IOException {
        ModelSlot slot = slot(put("kmeans_userbehaviour.pmml", "users.pmml", "1"));
        slot.load();
        PmmlModel running = slot.current().orElseThrow();

        Files.delete(folder.resolve("users.pmml"));
        assertThat(slot.refresh()).get().extracting(ModelSlot.Change::outcome).isEqualTo(ModelSlot.Outcome.MISSING);
        assertThat(slot.current()).containsSame(running);

        put("kmeans_userbehaviour.pmml", "users.pmml", "1");
        slot.refresh();
        assertThat(slot.refresh()).isEmpty();
        assertThat(slot.current()).containsSame(running);
        assertThat(slot.problem()).isEmpty();
    }
}
