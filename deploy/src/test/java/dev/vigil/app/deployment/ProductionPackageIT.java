package dev.vigil.app.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production and edge package ({@code deploy/target/quarkus-app}: what {@code ./mvnw package} builds, the
 * systemd unit and the container image install) carries none of the demo: not its module, not its embedded brokers
 * (HiveMQ, the Kafka server with its RocksDB and Scala). Those are only in the demo build ({@code -Pdemo}, what
 * {@code ./vigil demo} runs). Run by failsafe after the package is built; it prints the package's size.
 */
class ProductionPackageIT {

    private static final Path LIB = Path.of("target", "quarkus-app", "lib", "main");

    @Test
    void thePackageHasNoDemoBrokersNorSimulatorButTheSourcesClients() throws IOException {
        List<String> jars;
        long bytes;
        try (Stream<Path> files = Files.list(LIB)) {
            List<Path> all = files.toList();
            jars = all.stream().map(p -> p.getFileName().toString()).toList();
            bytes = all.stream().mapToLong(ProductionPackageIT::size).sum();
        }
        System.out.printf(Locale.ROOT, "production package: lib/main %,d bytes in %d jars%n", bytes, jars.size());

        assertThat(jars).noneMatch(j -> j.startsWith("dev.vigil.vigil-demo-"))
                .noneMatch(j -> j.startsWith("com.hivemq."))
                .noneMatch(j -> j.startsWith("org.apache.kafka.kafka_2.13-") || j.startsWith("org.apache.kafka.kafka-server-"))
                .noneMatch(j -> j.startsWith("org.rocksdb."))
                .noneMatch(j -> j.startsWith("org.scala-lang."));
        assertThat(jars).as("what the sources use stays")
                .anyMatch(j -> j.startsWith("org.apache.kafka.kafka-clients-"))
                .anyMatch(j -> j.startsWith("org.eclipse.paho.org.eclipse.paho.mqttv5.client-"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
