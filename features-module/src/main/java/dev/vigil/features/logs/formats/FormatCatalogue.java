package dev.vigil.features.logs.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.vigil.ingest.kafka.LogFormats;

/**
 * The log formats a source can name, each the whole recipe of its lines ({@link NamedFormat}): the formats Vigil
 * ships ({@value #SHIPPED}, beside this class, whose header documents every key) and those of a formats folder, every
 * {@code *.yaml} in it in the same layout, read at start so a format is added without a rebuild. A format of the
 * folder with a shipped format's name replaces it; two files of the folder may not name one format. Names are
 * matched ignoring case. Immutable.
 */
public final class FormatCatalogue {

    /** The shipped catalogue, on the class path beside this class. */
    public static final String SHIPPED = "log-formats.yaml";

    private final Map<String, NamedFormat> byName;

    private FormatCatalogue(Map<String, NamedFormat> byName) {
        this.byName = byName;
    }

    /** The formats Vigil ships. */
    public static FormatCatalogue shipped() {
        Map<String, NamedFormat> formats = new LinkedHashMap<>();
        for (NamedFormat format : readShipped()) {
            formats.put(key(format.name()), format);
        }
        return new FormatCatalogue(formats);
    }

    /**
     * The shipped formats and those of a folder's {@code *.yaml} files, in the order of their names; a folder that
     * does not exist adds none.
     *
     * @throws FormatException naming the file and key of the first mistake, or both files of a name given twice
     */
    public static FormatCatalogue load(Path folder) {
        Map<String, NamedFormat> formats = new LinkedHashMap<>(shipped().byName);
        Map<String, String> fromFolder = new LinkedHashMap<>();
        for (Path file : yamlFiles(folder)) {
            for (NamedFormat format : readFile(file)) {
                String earlier = fromFolder.putIfAbsent(key(format.name()), file.toString());
                if (earlier != null) {
                    throw new FormatException(file.toString(), "formats." + format.name(), "the format is given in "
                            + earlier + " too");
                }
                formats.put(key(format.name()), format);
            }
        }
        return new FormatCatalogue(formats);
    }

    private static List<NamedFormat> readShipped() {
        try (InputStream in = FormatCatalogue.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("the shipped " + SHIPPED + " is missing from the class path");
            }
            return FormatFile.read(in, SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<NamedFormat> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return FormatFile.read(in, file.toString());
        } catch (IOException e) {
            throw new FormatException(file.toString(), "", "cannot read the file: " + e.getMessage());
        }
    }

    private static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new FormatException(folder.toString(), "", "cannot list the formats folder: " + e.getMessage());
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * A format by name, ignoring case.
     *
     * @throws IllegalArgumentException naming every format when there is none of that name
     */
    public NamedFormat get(String name) {
        NamedFormat format = name == null ? null : byName.get(key(name));
        if (format == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "', known formats: " + names());
        }
        return format;
    }

    /** Every format: the shipped ones in their order (replaced ones in place), then the folder's new ones. */
    public List<NamedFormat> all() {
        return List.copyOf(byName.values());
    }

    /** The formats' line layouts, for the sources that read lines. */
    public LogFormats lines() {
        return new LogFormats(byName.values().stream().map(NamedFormat::line).toList());
    }

    /** The formats' names, comma-separated, for messages. */
    public String names() {
        return byName.values().stream().map(NamedFormat::name).collect(Collectors.joining(", "));
    }
}
