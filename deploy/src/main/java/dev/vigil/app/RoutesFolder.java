package dev.vigil.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Users' own source routes: every {@code *.yaml} in {@code vigil.routes.folder} is a Camel YAML DSL route, loaded
 * before Camel starts. The folder is made when missing, so a fresh install starts with none; a file that is not a
 * valid route stops the start with Camel's reason and the file's name.
 */
@ApplicationScoped
public class RoutesFolder {

    private static final Logger LOG = Logger.getLogger(RoutesFolder.class);

    private final Path folder;
    private final CamelContext camel;

    public RoutesFolder(@ConfigProperty(name = "vigil.routes.folder") Path folder, CamelContext camel) {
        this.folder = folder;
        this.camel = camel;
    }

    void load(@Observes BeforeStart event) throws Exception {
        Files.createDirectories(folder);
        List<Path> files = yamlFiles();
        for (Path file : files) {
            try {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel,
                        "file:" + file.toAbsolutePath()));
            } catch (Exception e) {
                throw new IllegalStateException("source route " + file + " cannot be loaded: " + e.getMessage(), e);
            }
        }
        LOG.infof("Source routes: %d file(s) from %s", files.size(), folder.toAbsolutePath());
    }

    private List<Path> yamlFiles() throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
