package dev.vigil.features.logs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * Online log template mining: each message is masked and tokenized ({@link Tokenizer}), routed through Drain's
 * {@link PrefixTree} by its token count and leading tokens, and compared with the families of that leaf; it joins the
 * most similar one when the similarity reaches the threshold (ties go to the family with more wildcards, as in
 * Drain), generalising it, and otherwise starts a new family. Within a family, the positions where lines differ are
 * variables once they have taken enough distinct values (Brain's rule, {@link LogCluster}); until then each value is
 * a template of its own. Lines with different token counts never share a template.
 *
 * <p><b>Ids.</b> A template's id is fixed when it is created: the first 12 hex digits of the SHA-256 of its first
 * line's tokens joined by one space. It does not depend on arrival order, so two miners with the same parameters that
 * first met the same line agree on its id, and a line equal to a template's first line always belongs to that
 * template (so ids cannot multiply); the rare hash collision gets {@code -2}, {@code -3}... When a position becomes a
 * variable, the templates it alone told apart merge into the oldest: the others' ids live on as aliases of its id
 * ({@link #template}, {@link #resolve}). Ids survive a restart through {@link #writeTo}/{@link #readFrom}; a snapshot
 * written with other parameters, or by the miner before issue 17 (format 1), is migrated: each stored template keeps its
 * id, or becomes an alias of the template it now belongs to.
 *
 * <p><b>Thread-safety.</b> Every method is safe to call from several threads (Kafka consumer threads): the methods
 * that read or change the templates hold the miner's lock. Masking and tokenizing, the costly part, run outside it.
 */
public final class DrainMiner {

    /** Version of the snapshot layout written by {@link #writeTo}; 1 (families of one template each) is migrated. */
    public static final short FORMAT_VERSION = 2;
    /** The id of the lines that matched no template once the miner held {@link DrainParameters#maxTemplates()}. */
    public static final String OVERFLOW_ID = "overflow";
    private static final int ID_HEX_DIGITS = 12;
    private static final int MAX_STRING_BYTES = 16 * 1024 * 1024;

    /** A template and the family it belongs to. */
    private record Located(LogCluster family, LogCluster.Event event) {
    }

    private final DrainParameters parameters;
    private final Tokenizer tokenizer;
    private final PrefixTree tree;
    private final List<LogCluster> families = new ArrayList<>();
    /** The templates by id, in order of creation. */
    private final Map<String, Located> byId = new LinkedHashMap<>();
    /** Ids of templates merged into another, with the id they merged into (itself perhaps merged since). */
    private final Map<String, String> aliases = new HashMap<>();
    private volatile TemplateOverrides overrides;
    private long overflowLines;

    public DrainMiner(DrainParameters parameters) {
        this(parameters, TemplateOverrides.NONE);
    }

    public DrainMiner(DrainParameters parameters, TemplateOverrides overrides) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.tokenizer = new Tokenizer(parameters.masks());
        this.tree = new PrefixTree(parameters.tokenLayers(), parameters.maxChildren());
    }

    public DrainParameters parameters() {
        return parameters;
    }

    /** Replaces the renames and ignores, for example after configuration was reloaded; applies to later answers. */
    public void overrides(TemplateOverrides newOverrides) {
        this.overrides = Objects.requireNonNull(newOverrides, "overrides");
    }

    /** Learns a message and returns the template it now belongs to (a new one if it matched none). */
    public Template match(String message) {
        List<String> tokens = tokenizer.tokens(message);
        synchronized (this) {
            Located located = learn(tokens, null);
            if (located == null) {
                overflowLines++;
                return overrides.describe(OVERFLOW_ID, "(a line of none of the " + byId.size()
                        + " templates kept: the miner is full)", overflowLines);
            }
            located.event().count++;
            return describe(located);
        }
    }

    /**
     * Finds or makes the template of a line and learns the line in its family (not in the template's count).
     *
     * @param newId the id of a template this line makes, or null for the hash of its tokens
     * @return null when the line needs a new template and the miner is full
     */
    private Located learn(List<String> tokens, String newId) {
        LogCluster family = bestMatch(tokens);
        if (family == null) {
            family = familyOfFirstLine(tokens);
        }
        if (family == null) {
            if (byId.size() >= parameters.maxTemplates()) {
                return null;
            }
            family = LogCluster.first(tokens);
            families.add(family);
            tree.add(family);
        } else if (family.absorb(tokens, parameters)) {
            family.rekey().forEach(this::merge);
        }
        LogCluster.Event event = family.event(family.key(tokens));
        if (event == null) {
            if (byId.size() >= parameters.maxTemplates()) {
                return null;
            }
            event = family.add(new LogCluster.Event(newId != null && !known(newId) ? newId : newId(tokens),
                    tokens.toArray(String[]::new), 0));
            byId.put(event.id, new Located(family, event));
        }
        return byId.get(event.id);
    }

    /**
     * The family of the template whose first line this is: a line equal to a template's first line belongs to it even
     * when the family has since generalised away from it, so a line never starts a second template of its own id.
     */
    private LogCluster familyOfFirstLine(List<String> tokens) {
        Located known = byId.get(hash(tokens));
        return known != null && Arrays.asList(known.event().firstTokens).equals(tokens) ? known.family() : null;
    }

    private void merge(String from, String into) {
        byId.remove(from);
        aliases.put(from, into);
    }

    /** The template a message would join as the miner stands, without learning it; empty when it would start one. */
    public Optional<Template> find(String message) {
        List<String> tokens = tokenizer.tokens(message);
        synchronized (this) {
            LogCluster family = bestMatch(tokens);
            if (family == null) {
                family = familyOfFirstLine(tokens);
            }
            return Optional.ofNullable(family).map(f -> f.event(f.key(tokens)))
                    .map(event -> describe(byId.get(event.id)));
        }
    }

    /** A template by id, as it is now; a template merged into another answers as that one. */
    public synchronized Optional<Template> template(String id) {
        return Optional.ofNullable(byId.get(resolve(id))).map(this::describe);
    }

    /** The id a template is counted under now: its own, or the id of the template it merged into. */
    public synchronized String resolve(String id) {
        String current = id;
        for (String next = aliases.get(current); next != null; next = aliases.get(current)) {
            current = next;
        }
        return current;
    }

    /** Every template, in order of creation (merged ones are part of the one they merged into). */
    public synchronized List<Template> templates() {
        return byId.values().stream().map(this::describe).toList();
    }

    public synchronized int size() {
        return byId.size();
    }

    private LogCluster bestMatch(List<String> tokens) {
        LogCluster best = null;
        double bestSimilarity = -1;
        int bestWildcards = -1;
        for (LogCluster cluster : tree.candidates(tokens)) {
            double similarity = cluster.similarity(tokens);
            if (similarity > bestSimilarity || (similarity == bestSimilarity && cluster.wildcards > bestWildcards)) {
                best = cluster;
                bestSimilarity = similarity;
                bestWildcards = cluster.wildcards;
            }
        }
        return best != null && bestSimilarity >= parameters.similarityThreshold() ? best : null;
    }

    private Template describe(Located located) {
        return overrides.describe(located.event().id, located.family().text(located.event()), located.event().count);
    }

    private boolean known(String id) {
        return byId.containsKey(id) || aliases.containsKey(id);
    }

    private String newId(List<String> tokens) {
        String base = hash(tokens);
        String id = base;
        for (int n = 2; known(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String hash(List<String> tokens) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(" ", tokens).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Writes every family compactly: the format version, the parameters' signature, then per family in creation order
     * its first line's tokens, its template, its line count, per position whether it is a variable and the values of a
     * counted one, and its templates (id, first line's tokens, count); then the aliases. Strings are length-prefixed
     * UTF-8.
     */
    public synchronized void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        writeString(out, parameters.signature());
        out.writeInt(families.size());
        for (LogCluster family : families) {
            out.writeInt(family.template.length);
            for (String token : family.firstTokens) {
                writeString(out, token);
            }
            for (String token : family.template) {
                writeString(out, token);
            }
            out.writeLong(family.count);
            for (int i = 0; i < family.template.length; i++) {
                out.writeBoolean(family.variable[i]);
                Set<String> values = family.values[i];
                out.writeInt(values == null ? -1 : values.size());
                if (values != null) {
                    for (String value : values) {
                        writeString(out, value);
                    }
                }
            }
            List<LogCluster.Event> events = family.events();
            out.writeInt(events.size());
            for (LogCluster.Event event : events) {
                writeString(out, event.id);
                for (String token : event.firstTokens) {
                    writeString(out, token);
                }
                out.writeLong(event.count);
            }
        }
        out.writeInt(aliases.size());
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            writeString(out, alias.getKey());
            writeString(out, alias.getValue());
        }
    }

    /**
     * Restores a miner written by {@link #writeTo}. A snapshot written with other parameters, or in format 1 (before
     * issue 17), is migrated: its templates are learned again in order of creation, each as a line of its template
     * text, and keep their ids; one that now joins a template learned before it becomes an alias of that template.
     *
     * @throws SnapshotMismatchException when the snapshot has a format version this miner does not know, or is corrupt
     */
    public static DrainMiner readFrom(DataInput in, DrainParameters parameters, TemplateOverrides overrides)
            throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION && version != 1) {
            throw new SnapshotMismatchException("template snapshot has format version " + version + ", expected "
                    + FORMAT_VERSION);
        }
        String signature = readString(in);
        DrainMiner miner = new DrainMiner(parameters, overrides);
        if (version == FORMAT_VERSION && signature.equals(parameters.signature())) {
            miner.restore(in);
        } else {
            miner.migrate(version == 1 ? readVersionOne(in) : readTemplates(in));
        }
        return miner;
    }

    /** A stored template: its id, text and line count. */
    private record Stored(String id, String text, long count) {
    }

    private void restore(DataInput in) throws IOException {
        int size = in.readInt();
        for (int f = 0; f < size; f++) {
            int length = in.readInt();
            String[] first = readStrings(in, length);
            LogCluster family = new LogCluster(Arrays.asList(first), readStrings(in, length), in.readLong());
            for (int i = 0; i < length; i++) {
                family.variable[i] = in.readBoolean();
                int values = in.readInt();
                if (values >= 0) {
                    family.values[i] = new LinkedHashSet<>(Arrays.asList(readStrings(in, values)));
                }
            }
            int events = in.readInt();
            for (int e = 0; e < events; e++) {
                LogCluster.Event event = family.add(new LogCluster.Event(readString(in), readStrings(in, length),
                        in.readLong()));
                byId.put(event.id, new Located(family, event));
            }
            families.add(family);
            tree.add(family);
        }
        readAliases(in, aliases);
    }

    private static List<Stored> readVersionOne(DataInput in) throws IOException {
        int size = in.readInt();
        List<Stored> stored = new ArrayList<>(size);
        for (int c = 0; c < size; c++) {
            String id = readString(in);
            long count = in.readLong();
            int length = in.readInt();
            readStrings(in, length); // the first line, masked by the old masks: the template says more
            stored.add(new Stored(id, String.join(" ", readStrings(in, length)), count));
        }
        return stored;
    }

    /** The templates of a snapshot written with other parameters, with its aliases as templates of no lines. */
    private static List<Stored> readTemplates(DataInput in) throws IOException {
        DrainMiner old = new DrainMiner(DrainParameters.defaults());
        old.restore(in);
        List<Stored> stored = new ArrayList<>();
        for (Template template : old.templates()) {
            stored.add(new Stored(template.id(), template.text(), template.count()));
        }
        for (String alias : old.aliases.keySet()) {
            Template into = old.template(alias).orElseThrow();
            stored.add(new Stored(alias, into.text(), 0));
        }
        return stored;
    }

    private void migrate(List<Stored> stored) {
        for (Stored template : stored) {
            Located located = learn(tokenizer.tokens(template.text()), template.id());
            if (located == null) {
                continue; // more templates than this miner keeps: the rest are relearned from their lines
            }
            located.event().count += template.count();
            if (!located.event().id.equals(template.id())) {
                aliases.put(template.id(), located.event().id);
            }
        }
    }

    private static void readAliases(DataInput in, Map<String, String> aliases) throws IOException {
        int size = in.readInt();
        for (int a = 0; a < size; a++) {
            aliases.put(readString(in), readString(in));
        }
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String[] readStrings(DataInput in, int count) throws IOException {
        if (count < 0 || count > MAX_STRING_BYTES) {
            throw new SnapshotMismatchException("template snapshot is corrupt: a list of " + count + " strings");
        }
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            strings[i] = readString(in);
        }
        return strings;
    }

    private static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new SnapshotMismatchException("template snapshot is corrupt: a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
