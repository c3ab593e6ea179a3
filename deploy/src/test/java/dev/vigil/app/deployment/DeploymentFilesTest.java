package dev.vigil.app.deployment;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files (deploy/kubernetes, deploy/compose, the container file) against Kubernetes' own types and the
 * running application: every manifest reads into its Kubernetes type with no field the type does not have (a typo
 * would land there), the probes and the scrape path are paths the application answers, every Vigil variable set is a
 * key of application.properties, the alerting file of the ConfigMap loads, the Compose file's services and build
 * hold together. The image itself is built by .ci/run where a container engine runs.
 */
@QuarkusTest
class DeploymentFilesTest {

    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path COMPOSE = Path.of("compose", "compose.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Variables the container image or Quarkus itself reads, not keys of application.properties. */
    private static final Set<String> NOT_KEYS = Set.of("QUARKUS_PROFILE", "JAVA_OPTS_APPEND", "OPS_SLACK_BOT_TOKEN");

    @Test
    void theManifestsAreKubernetesTypesWithNoUnknownField() throws IOException {
        JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).containsExactlyInAnyOrder("deployment.yaml", "service.yaml", "podmonitor.yaml");
        kustomization.path("configMapGenerator").get(0).path("files")
                .forEach(f -> assertThat(KUBERNETES.resolve(f.asText())).exists());

        Deployment deployment = YAML.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class);
        Service service = YAML.readValue(KUBERNETES.resolve("service.yaml").toFile(), Service.class);
        assertThat(unknownFields(deployment)).isEmpty();
        assertThat(unknownFields(service)).isEmpty();
        assertThat(unknownFields(YAML.readValue("spec: {template: {spec: {containers: [{name: v, imag: vigil}]}}}",
                Deployment.class))).as("a typo is caught").containsExactly("Deployment.Spec.Template.Spec.Containers[0].imag");

        Container vigil = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(vigil.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo(service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        });
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .isEqualTo(service.getSpec().getSelector());
        assertThat(vigil.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/vigil"));
        assertThat(env(vigil)).containsEntry("VIGIL_ALERTING_CONFIG", "/etc/vigil/alerting.yaml");
    }

    @Test
    void theProbesAndTheScrapePathAreWhatTheApplicationAnswers() throws IOException {
        Container vigil = YAML.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class).getSpec()
                .getTemplate().getSpec().getContainers().get(0);
        for (String path : List.of(vigil.getStartupProbe().getHttpGet().getPath(),
                vigil.getLivenessProbe().getHttpGet().getPath(), vigil.getReadinessProbe().getHttpGet().getPath())) {
            assertThat(given().get(path).statusCode()).as(path).isIn(200, 503); // 503: DOWN, still an answer
        }
        JsonNode podMonitor = YAML.readTree(KUBERNETES.resolve("podmonitor.yaml").toFile());
        assertThat(podMonitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(podMonitor.path("kind").asText()).isEqualTo("PodMonitor");
        JsonNode endpoint = podMonitor.path("spec").path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo(vigil.getPorts().get(0).getName());
        assertThat(given().get(endpoint.path("path").asText()).then().extract().body().asString())
                .contains("vigil_");
    }

    @Test
    void everyVigilVariableIsAKeyOfApplicationProperties() throws IOException {
        Container vigil = YAML.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class).getSpec()
                .getTemplate().getSpec().getContainers().get(0);
        List<String> variables = new ArrayList<>(env(vigil).keySet());
        YAML.readTree(COMPOSE.toFile()).path("services").path("vigil").path("environment").fieldNames()
                .forEachRemaining(variables::add);
        Set<String> keys = propertyVariables();
        assertThat(variables).filteredOn(v -> !NOT_KEYS.contains(v))
                .allSatisfy(v -> assertThat(keys).as("a key of application.properties for " + v).contains(v));
    }

    @Test
    void theConfigMapsAlertingFileLoads() {
        AlertingConfig config = new AlertingConfigLoader(List.of("console"), name -> Optional.of("from-the-secret"))
                .load(KUBERNETES.resolve("alerting.yaml"));
        assertThat(config.route().receivers()).isNotEmpty();
    }

    @Test
    void theComposeFilesServicesAndBuildHoldTogether() throws IOException {
        JsonNode services = YAML.readTree(COMPOSE.toFile()).path("services");
        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("vigil", "postgres", "kafka", "mosquitto");
        JsonNode vigil = services.path("vigil");
        vigil.path("depends_on").fieldNames().forEachRemaining(s -> assertThat(services.has(s)).as(s).isTrue());
        Path context = COMPOSE.getParent().resolve(vigil.path("build").path("context").asText()).normalize();
        Path dockerfile = context.resolve(vigil.path("build").path("dockerfile").asText());
        assertThat(dockerfile).exists();
        assertThat(Files.readString(dockerfile)).contains("ARG APP=");
        assertThat(vigil.path("build").path("args").path("APP").asText()).isEqualTo("deploy/target/cluster");
        assertThat(vigil.path("environment").path("VIGIL_KAFKA_BROKERS").asText()).startsWith("kafka:");
        assertThat(vigil.path("environment").path("VIGIL_MQTT_BROKER_URL").asText()).contains("mosquitto:");
        assertThat(vigil.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText()).contains("//postgres:");
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : container.getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        return env;
    }

    /** Each key of application.properties (set or commented, any profile) as the environment variable that sets it. */
    private static Set<String> propertyVariables() throws IOException {
        Pattern key = Pattern.compile("^#?(?:%[\\w-]+\\.)?([a-z][\\w.\"-]*)=", Pattern.MULTILINE);
        Matcher m = key.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        Set<String> variables = new HashSet<>();
        while (m.find()) {
            variables.add(m.group(1).replace("\"", "").replaceAll("[.-]", "_").toUpperCase(Locale.ROOT));
        }
        // Quarkus's own keys a deployment sets without their being in the file
        variables.addAll(Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"));
        return variables;
    }

    /**
     * Fields the manifest had that its Kubernetes type does not (Fabric8's types keep them in
     * {@code additionalProperties}), anywhere in the object, as paths.
     */
    private static List<String> unknownFields(Object manifest) {
        List<String> unknown = new ArrayList<>();
        walk(manifest, manifest.getClass().getSimpleName(), unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else if (!(value instanceof Map<?, ?>)) {
                walk(value, path + "." + getter.getName().substring(3), unknown, seen);
            } else {
                ((Map<?, ?>) value).forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            }
        }
    }
}
