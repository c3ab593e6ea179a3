package dev.vigil.alerting.notify.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.vigil.contracts.Alert;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.Variant;

/**
 * The notification text of every integration, rendered from Qute templates: the shipped ones
 * ({@code dev/vigil/alerting/notify/templates/}), each replaced by the file of the same name in a user's folder
 * ({@code vigil.notify.templates}). Every template is parsed and rendered for sample alerts (a metric firing and
 * resolved, a log alert with evidence, a user's alert) when this is made, so a template that does not parse or names
 * something an alert does not have stops the start naming the file and the line, never a notification later.
 * <p>
 * Qute's standalone engine rather than the Quarkus extension: the notifiers are made by CDI and by
 * {@code Integrations.create} for the alerting file's receivers alike, and tested without a container; the user's
 * folder is read at run time, not at build time. Values are escaped for the format a template writes: HTML for
 * {@code .html} files, Slack's three characters for {@code slack-*} ones ({@code {value.raw}} writes one unescaped).
 */
public final class NotificationTemplates {

    /** Where the shipped templates are, on the class path. */
    static final String SHIPPED = "/dev/vigil/alerting/notify/templates/";

    private final Map<NotificationTemplate, Template> templates = new EnumMap<>(NotificationTemplate.class);
    private final Map<String, String> origins;

    private NotificationTemplates(Map<String, String> overrides, Map<String, String> origins) {
        this.origins = origins;
        Map<String, String> sources = new HashMap<>();
        for (NotificationTemplate t : NotificationTemplate.values()) {
            sources.put(t.file(), overrides.getOrDefault(t.file(), shipped(t)));
        }
        Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addResultMapper(new SlackEscaper())
                .addLocator(new Sources(sources))
                .strictRendering(true)
                .build();
        for (NotificationTemplate t : NotificationTemplate.values()) {
            try {
                templates.put(t, engine.getTemplate(t.file()));
            } catch (TemplateException e) {
                throw failure(t.file(), e);
            }
        }
        for (Alert sample : SampleAlerts.all()) {
            for (NotificationTemplate t : NotificationTemplate.values()) {
                render(t, sample);
            }
        }
    }

    /** The shipped templates alone. */
    public static NotificationTemplates shipped() {
        return new NotificationTemplates(Map.of(), Map.of());
    }

    /**
     * The shipped templates, each replaced by the file of its name in {@code folder} (when given). A file that
     * overrides no template, an unreadable folder, a template that does not parse or render stop the start.
     *
     * @throws IllegalStateException naming the file, the line and what is wrong
     */
    public static NotificationTemplates load(Optional<Path> folder) {
        if (folder.isEmpty()) {
            return shipped();
        }
        Path dir = folder.get();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("vigil.notify.templates: " + dir + " is not a folder");
        }
        Map<String, String> overrides = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // an editor's swap file, a .gitkeep
                }
                if (NotificationTemplate.byFile(name).isEmpty()) {
                    throw new IllegalStateException("vigil.notify.templates: " + file + " overrides no template; "
                            + "the templates are " + Arrays.stream(NotificationTemplate.values())
                                    .map(NotificationTemplate::file).toList());
                }
                overrides.put(name, Files.readString(file, StandardCharsets.UTF_8));
                origins.put(name, file.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("vigil.notify.templates: cannot read " + dir + ": " + e.getMessage(), e);
        }
        return new NotificationTemplates(overrides, origins);
    }

    /**
     * The text of one template for an alert, trailing blank lines and spaces cut (each integration adds the line
     * ends its format needs).
     */
    public String render(NotificationTemplate which, Alert alert) {
        Map<String, Object> data = TemplateData.of(alert);
        data.put("title", renderWith(NotificationTemplate.TITLE, data));
        data.put("headline", renderWith(NotificationTemplate.HEADLINE, data));
        data.put("text", renderWith(NotificationTemplate.TEXT, data));
        return renderWith(which, data);
    }

    private String renderWith(NotificationTemplate which, Map<String, Object> data) {
        TemplateInstance instance = templates.get(which).instance();
        data.forEach(instance::data);
        try {
            return instance.render().stripTrailing();
        } catch (TemplateException e) {
            throw failure(which.file(), e);
        }
    }

    /** The file (the user's path, or the shipped name) and the line the engine blames. */
    private IllegalStateException failure(String file, TemplateException thrown) {
        TemplateException e = blamed(thrown);
        TemplateNode.Origin origin = e.getOrigin();
        String blamed = origin != null && origin.getTemplateId() != null ? origin.getTemplateId() : file;
        String where = origins.getOrDefault(blamed, "shipped template " + blamed)
                + (origin != null ? " line " + origin.getLine() : "");
        return new IllegalStateException("notification template " + where + ": " + e.getMessage(), thrown);
    }

    /** Rendering wraps the engine's error, which has the origin, in one that has none. */
    private static TemplateException blamed(TemplateException thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateException t && t.getOrigin() != null) {
                return t;
            }
        }
        return thrown;
    }

    private static String shipped(NotificationTemplate t) {
        try (InputStream in = NotificationTemplates.class.getResourceAsStream(SHIPPED + t.file())) {
            if (in == null) {
                throw new IllegalStateException("the shipped template " + t.file() + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves each template's text by its file name, HTML ones as {@code text/html} so their values are escaped. */
    private record Sources(Map<String, String> byFile) implements TemplateLocator {

        @Override
        public Optional<TemplateLocation> locate(String id) {
            String text = byFile.get(id);
            if (text == null) {
                return Optional.empty();
            }
            Variant variant = new Variant(Locale.ROOT, StandardCharsets.UTF_8,
                    id.endsWith(".html") ? Variant.TEXT_HTML : Variant.TEXT_PLAIN);
            return Optional.of(new TemplateLocation() {
                @Override
                public java.io.Reader read() {
                    return new StringReader(text);
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.of(variant);
                }
            });
        }
    }

    /** Slack's mrkdwn asks for exactly {@code &}, {@code <} and {@code >} to be escaped in a value. */
    private static final class SlackEscaper implements ResultMapper {

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return origin.getTemplateId() != null && origin.getTemplateId().startsWith("slack-")
                    && !(result instanceof io.quarkus.qute.RawString);
        }

        @Override
        public String map(Object result, Expression expression) {
            return result.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
