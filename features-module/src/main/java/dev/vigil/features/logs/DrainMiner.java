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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * Online log template mining with Drain: each message is masked, tokenized, routed through the {@link PrefixTree} by
 * its token count and leading tokens, and compared with the templates of that leaf; it joins the most similar one when
 * the similarity reaches the threshold (ties go to the template with more wildcards, as in Drain), generalising it,
 * and otherwise starts a new template. Lines with different token counts never share a template.
 *
 * <p><b>Ids.</b> A template's id is fixed when it is created: the first 12 hex digits of the SHA-256 of its first
 * line's masked tokens joined by one space. It does not depend on arrival order, so two miners with the same
 * parameters that first met the same line agree on its id; the rare collision gets {@code -2}, {@code -3}... in order
 * of creation. Ids survive a restart through {@link #writeTo}/{@link #readFrom}: the snapshot keeps every template's
 * first line, current text and count, and restore re-adds them in creation order, which rebuilds the same tree, so a
 * restored miner maps every line to the id the running one would have.
 *
 * <p><b>Thread-safety.</b> Every method is safe to call from several threads (Kafka consumer threads): the methods
 * that read or change the templates hold the miner's lock. Masking and tokenizing, the costly part, run outside it.
 */
public final class DrainMiner {

    /** Version of the snapshot layout written by {@link #writeTo}. */
    public static final short FORMAT_VERSION = 1;
    /** The id of the lines that matched no template once the miner held {@link DrainParameters#maxTemplates()}. */
    public static final String OVERFLOW_ID = "overflow";
    private static final int ID_HEX_DIGITS = 12;

    private final DrainParameters parameters;
    private final Tokenizer tokenizer;
    private final PrefixTree tree;
    private final List<LogCluster> clusters = new ArrayList<>();
    private final Map<String, LogCluster> byId = new HashMap<>();
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
            LogCluster cluster = bestMatch(tokens);
            if (cluster == null && clusters.size() >= parameters.maxTemplates()) {
                overflowLines++;
                return overrides.describe(OVERFLOW_ID, "(a line of none of the " + clusters.size()
                        + " templates kept: the miner is full)", overflowLines);
            }
            if (cluster == null) {
                cluster = LogCluster.first(newId(tokens), tokens);
                clusters.add(cluster);
                byId.put(cluster.id, cluster);
                tree.add(cluster);
            } else {
                cluster.absorb(tokens);
            }
            return describe(cluster);
        }
    }

    /** The template a message would join, without learning it; empty when it would start a new one. */
    public Optional<Template> find(String message) {
        List<String> tokens = tokenizer.tokens(message);
        synchronized (this) {
            return Optional.ofNullable(bestMatch(tokens)).map(this::describe);
        }
    }

    /** A template by id, as it is now. */
    public synchronized Optional<Template> template(String id) {
        return Optional.ofNullable(byId.get(id)).map(this::describe);
    }

    /** Every template, in order of creation. */
    public synchronized List<Template> templates() {
        return clusters.stream().map(this::describe).toList();
    }

    public synchronized int size() {
        return clusters.size();
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

    private Template describe(LogCluster cluster) {
        return overrides.describe(cluster.id, cluster.text(), cluster.count);
    }

    private String newId(List<String> tokens) {
        String base = hash(String.join(" ", tokens));
        String id = base;
        for (int n = 2; byId.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Writes every template compactly: the format version, the parameters' signature, then per template in creation
     * order its id, count, first line's tokens and current template tokens (strings as length-prefixed UTF-8).
     */
    public synchronized void writeTo(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        writeString(out, parameters.signature());
        out.writeInt(clusters.size());
        for (LogCluster cluster : clusters) {
            writeString(out, cluster.id);
            out.writeLong(cluster.count);
            out.writeInt(cluster.firstTokens.size());
            for (String token : cluster.firstTokens) {
                writeString(out, token);
            }
            for (String token : cluster.template) {
                writeString(out, token);
            }
        }
    }

    /**
     * Restores a miner written by {@link #writeTo}.
     *
     * @throws SnapshotMismatchException when the snapshot has another format version or was written with other
     *                                   parameters (depth, threshold, children or masks), which would route lines
     *                                   differently: discard it and relearn
     */
    public static DrainMiner readFrom(DataInput in, DrainParameters parameters, TemplateOverrides overrides)
            throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("template snapshot has format version " + version + ", expected "
                    + FORMAT_VERSION);
        }
        String signature = readString(in);
        if (!signature.equals(parameters.signature())) {
            throw new SnapshotMismatchException("template snapshot was written with other Drain parameters ("
                    + signature + "), now " + parameters.signature());
        }
        DrainMiner miner = new DrainMiner(parameters, overrides);
        int size = in.readInt();
        for (int c = 0; c < size; c++) {
            String id = readString(in);
            long count = in.readLong();
            int length = in.readInt();
            String[] first = new String[length];
            for (int i = 0; i < length; i++) {
                first[i] = readString(in);
            }
            String[] template = new String[length];
            for (int i = 0; i < length; i++) {
                template[i] = readString(in);
            }
            LogCluster cluster = new LogCluster(id, Arrays.asList(first), template, count);
            miner.clusters.add(cluster);
            miner.byId.put(id, cluster);
            miner.tree.add(cluster);
        }
        return miner;
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 16 * 1024 * 1024) {
            throw new SnapshotMismatchException("template snapshot is corrupt: a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
