package dev.vigil.app.detection;

import dev.vigil.features.logs.formats.FormatCatalogue;
import dev.vigil.features.logs.formats.NamedFormat;
import dev.vigil.ingest.kafka.LogFormats;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The log formats sources can name, read at start: the shipped catalogue and every {@code *.yaml} of
 * {@code vigil.logs.formats-folder}, so a format is added without a rebuild. A broken file stops the start, the
 * message naming the file and the key ({@code formats/acme.yaml: formats.acme.templates.similarity: ...}).
 */
public class LogFormatsSetup {

    private static final Logger LOG = Logger.getLogger(LogFormatsSetup.class);

    @Produces
    @Singleton
    FormatCatalogue catalogue(LogsConfig logs) {
        FormatCatalogue catalogue = FormatCatalogue.load(logs.formatsFolder());
        for (NamedFormat format : catalogue.all()) {
            if (!format.origin().equals(FormatCatalogue.SHIPPED)) {
                LOG.infof("Log format %s from %s", format.name(), format.origin());
            }
        }
        return catalogue;
    }

    /** What the Kafka log sources read lines with. */
    @Produces
    @Singleton
    LogFormats lines(FormatCatalogue catalogue) {
        return catalogue.lines();
    }
}
