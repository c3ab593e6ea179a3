package dev.vigil.app.access;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives Quarkus the console's session encryption key ({@value #KEY}) from {@code vigil.console.session-key-file}
 * ({@link SessionKeyFile}) when no key is configured, so Quarkus never falls back to a temporary key, which it would
 * write to the log. A key set in the environment or the properties wins; with neither a key nor a key file (the
 * cluster profile, whose instances must share one key) nothing is given and the start stops
 * ({@link ConsoleStartup}). The file is read or made only when the key is first looked up, at run time, never while
 * the application is built. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class SessionKeySource implements ConfigSourceFactory {

    public static final String KEY = "quarkus.http.auth.session.encryption-key";
    public static final String FILE = "vigil.console.session-key-file";
    /** Below application.properties (250): a configured key is found first. */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (present(context.getValue(KEY))) {
            return List.of();
        }
        ConfigValue file = context.getValue(FILE);
        if (!present(file)) {
            return List.of();
        }
        return List.of(new KeyFileSource(Path.of(file.getValue().strip())));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean present(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    /** Answers only for {@value #KEY}, and lists no names, so nothing reads the file before it is asked for. */
    private static final class KeyFileSource implements ConfigSource {

        private final Path file;
        private volatile String key;

        KeyFileSource(Path file) {
            this.file = file;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            if (!KEY.equals(propertyName)) {
                return null;
            }
            if (key == null) {
                key = SessionKeyFile.loadOrCreate(file);
            }
            return key;
        }

        @Override
        public String getName() {
            return "session key file " + file;
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }
}
