package dev.vigil.scoring.pmml;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.vigil.scoring.pmml.TestModels.inputs;
import static dev.vigil.scoring.pmml.TestModels.readCsv;
import static dev.vigil.scoring.pmml.TestModels.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading, binding and input checks, on the small k-means and one-class SVM reference models. */
class PmmlModelTest {

    private static PmmlModel kMeans;
    private static Map<String, Double> firstRow;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        kMeans = PmmlModel.load(resource("kmeans_userbehaviour.pmml"));
        firstRow = inputs(kMeans, readCsv(resource("userbehaviour_test.csv")).get(0));
    }

    @Test
    void recordsFileNameChecksumOfTheBytesAndUnversionedWithoutModelVersion() {
        // sha256sum of the file, computed outside Java
        assertThat(kMeans.checksum()).isEqualTo("5d8a1713dd8c283584dba8ef20db70c9dc635af02a8b27bc1f8a5133918f01a4");
        assertThat(kMeans.name()).isEqualTo("kmeans_userbehaviour.pmml");
        assertThat(kMeans.version()).isEqualTo(PmmlModel.UNVERSIONED);

        PmmlResult result = kMeans.score("user-1", firstRow);
        assertThat(result.modelName()).isEqualTo("kmeans_userbehaviour.pmml");
        assertThat(result.modelVersion()).isEqualTo("unversioned");
        assertThat(result.checksum()).isEqualTo(kMeans.checksum());
    }

    @Test
    void recordsTheHeadersModelVersion() throws IOException {
        Path versioned = copyEdited("kmeans_userbehaviour.pmml", "versioned.pmml",
                "<Header>", "<Header modelVersion=\"2026.11-3\">");

        PmmlModel model = PmmlModel.load(versioned);

        assertThat(model.version()).isEqualTo("2026.11-3");
        assertThat(model.score("user-1", firstRow).modelVersion()).isEqualTo("2026.11-3");
        assertThat(model.checksum()).isNotEqualTo(kMeans.checksum()).hasSize(64);
    }

    @Test
    void detectsTheKindFromTheContentNotTheFileName() throws IOException {
        Path misnamed = dir.resolve("iforest_classifier.pmml");
        Files.copy(resource("kmeans_userbehaviour.pmml"), misnamed);

        assertThat(PmmlModel.load(misnamed).kind()).isEqualTo("k-means");
    }

    @Test
    void outputsAreTheModelsOwnFieldsInOrderWithoutTheUnnamedTarget() {
        PmmlResult result = kMeans.score("user-1", firstRow);

        assertThat(result.outputs()).containsOnlyKeys(kMeans.outputFields());
        assertThat(kMeans.outputFields())
                .containsExactly("cluster", "affinity(0)", "affinity(1)", "affinity(2)", "affinity(3)");
    }

    @Test
    void bindsVigilFeatureNamesToModelInputsByName() {
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, Double> features = new HashMap<>();
        kMeans.inputFields().forEach(input -> {
            mapping.put("user." + input, input);
            features.put("user." + input, firstRow.get(input));
        });

        PmmlModel mapped = PmmlModel.load(resource("kmeans_userbehaviour.pmml"), mapping);

        assertThat(mapped.score("user-1", features)).isEqualTo(kMeans.score("user-1", firstRow));
    }

    @Test
    void aMappingToAFieldTheModelDoesNotHaveFailsTheLoad() {
        Map<String, String> mapping = identityMapping();
        mapping.put("logins", "login_count_24h");

        assertThatThrownBy(() -> PmmlModel.load(resource("kmeans_userbehaviour.pmml"), mapping))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("kmeans_userbehaviour.pmml")
                .hasMessageContaining("'login_count_24h'")
                .hasMessageContaining("not an input field");
    }

    @Test
    void aMappingThatLeavesAnInputUnfedFailsTheLoad() {
        Map<String, String> mapping = identityMapping();
        mapping.remove("night_activity_ratio");

        assertThatThrownBy(() -> PmmlModel.load(resource("kmeans_userbehaviour.pmml"), mapping))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("kmeans_userbehaviour.pmml")
                .hasMessageContaining("'night_activity_ratio' is not fed by any feature");
    }

    @Test
    void aMissingInputIsRejectedNamingEntityAndField() {
        // pmml-evaluator itself would score k-means without the field, silently
        Map<String, Double> features = new HashMap<>(firstRow);
        features.remove("distinct_ips_24h");

        assertThatThrownBy(() -> kMeans.score("user-42", features))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("user-42")
                .hasMessageContaining("'distinct_ips_24h'")
                .hasMessageContaining("is missing");
    }

    @Test
    void aMissingMappedInputNamesBothTheFeatureAndTheModelField() {
        PmmlModel mapped = PmmlModel.load(resource("kmeans_userbehaviour.pmml"), Map.of(
                "logins", "login_count_1h", "failed", "failed_login_ratio_1h", "ips", "distinct_ips_24h",
                "countries", "distinct_countries_24h", "writes", "write_ops_ratio", "rpm", "requests_per_min",
                "endpoints", "distinct_endpoints", "night", "night_activity_ratio"));

        assertThatThrownBy(() -> mapped.score("user-42", Map.of("logins", 1.0)))
                .hasMessageContaining("user-42")
                .hasMessageContaining("feature 'failed' (model input 'failed_login_ratio_1h') is missing");
    }

    @Test
    void nanAndInfiniteInputsAreRejectedNamingEntityAndField() {
        PmmlModel svm = PmmlModel.load(resource("ocsvm_userbehaviour.pmml"));
        Map<String, Double> nan = new HashMap<>(firstRow);
        nan.put("write_ops_ratio", Double.NaN);
        Map<String, Double> infinite = new HashMap<>(firstRow);
        infinite.put("requests_per_min", Double.POSITIVE_INFINITY);

        assertThatThrownBy(() -> svm.score("user-7", nan))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("user-7")
                .hasMessageContaining("ocsvm_userbehaviour.pmml")
                .hasMessageContaining("'write_ops_ratio' is NaN");
        assertThatThrownBy(() -> svm.score("user-7", infinite))
                .hasMessageContaining("'requests_per_min' is Infinity");
    }

    @Test
    void anInputOfATypeNoFeatureCanFeedFailsTheLoadNamingTheField() throws IOException {
        Path mistyped = copyEdited("kmeans_userbehaviour.pmml", "mistyped.pmml",
                "<DataField name=\"distinct_ips_24h\" optype=\"continuous\" dataType=\"double\"/>",
                "<DataField name=\"distinct_ips_24h\" optype=\"categorical\" dataType=\"string\"/>");

        assertThatThrownBy(() -> PmmlModel.load(mistyped))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("mistyped.pmml")
                .hasMessageContaining("model input field 'distinct_ips_24h' is of type string")
                .hasMessageContaining("Vigil features are numbers");
    }

    @Test
    void aValueTheModelsFieldRefusesIsRejectedNamingEntityAndField() throws IOException {
        // an integer input fed 2.5: pmml-evaluator's own error, caught and named like a missing input
        PmmlModel model = PmmlModel.load(copyEdited("kmeans_userbehaviour.pmml", "integer.pmml",
                "<DataField name=\"login_count_1h\" optype=\"continuous\" dataType=\"double\"/>",
                "<DataField name=\"login_count_1h\" optype=\"continuous\" dataType=\"integer\"/>"));
        Map<String, Double> features = new HashMap<>(firstRow);
        features.put("login_count_1h", 2.5);

        assertThatThrownBy(() -> model.score("user-9", features))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining("user-9")
                .hasMessageContaining("feature 'login_count_1h' = 2.5 is not a valid value for model input 'login_count_1h'");
        features.put("login_count_1h", 3.0);
        assertThat(model.score("user-9", features).score()).isBetween(0.0, 1.0);
    }

    @Test
    void kMeansHasNoBoundaryOfItsOwnTheOthersDo() {
        assertThat(kMeans.hasBoundary()).isFalse();
        assertThat(kMeans.score("user-1", firstRow).boundary()).isNaN();
        PmmlModel svm = PmmlModel.load(resource("ocsvm_userbehaviour.pmml"));
        assertThat(svm.hasBoundary()).isTrue();
        assertThat(svm.score("user-1", inputs(svm, readCsv(resource("userbehaviour_test.csv")).get(0))).boundary())
                .isEqualTo(0.5);
    }

    @Test
    void aFileThatIsNotXmlFailsWithOneLineNamingTheFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("model.pmml"), "login_count_1h,score\n3,0.5\n");

        assertThatThrownBy(() -> PmmlModel.load(csv))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("not a valid PMML document: line 1: Content is not allowed in prolog")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anXmlFileThatIsNotPmmlFailsNamingTheFileAndTheElement() throws IOException {
        Path xml = Files.writeString(dir.resolve("model.pmml"), "<?xml version=\"1.0\"?>\n<project><a/></project>\n");

        assertThatThrownBy(() -> PmmlModel.load(xml))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining(xml.toString())
                .hasMessageContaining("local:\"project\"")
                // JAXB's list of every PMML element is left out
                .hasMessageNotContaining("Expected elements")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownModelElementFailsNamingTheFileLineAndElement() throws IOException {
        Path unknown = copyEdited("kmeans_userbehaviour.pmml", "unknown.pmml", "ClusteringModel", "QuantumModel");

        assertThatThrownBy(() -> PmmlModel.load(unknown))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining(unknown.toString())
                .hasMessageContaining("line 17")
                .hasMessageContaining("QuantumModel")
                .hasMessageNotContaining("Expected elements");
    }

    @Test
    void aPmmlDocumentWithoutAModelFailsNamingTheFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pmml"), """
                <?xml version="1.0"?>
                <PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header/><DataDictionary/></PMML>
                """);

        assertThatThrownBy(() -> PmmlModel.load(empty))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("<Model>");
    }

    @Test
    void aMissingFileFailsNamingIt() {
        Path absent = dir.resolve("absent.pmml");

        assertThatThrownBy(() -> PmmlModel.load(absent))
                .isInstanceOf(PmmlModelException.class)
                .hasMessageContaining(absent.toString());
    }

    private Map<String, String> identityMapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        kMeans.inputFields().forEach(input -> mapping.put(input, input));
        return mapping;
    }

    private Path copyEdited(String resourceName, String copyName, String target, String replacement)
            throws IOException {
        String pmml = Files.readString(resource(resourceName));
        assertThat(pmml).contains(target);
        return Files.writeString(dir.resolve(copyName), pmml.replace(target, replacement));
    }
}
