package dev.vigil.features.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drain's fixed-depth prefix tree: the first layer splits lines by token count, the next {@code depth - 3} layers by
 * their leading tokens, and each leaf holds the clusters a line is compared with. Tokens containing a digit or a masked
 * part are routed to the {@code <*>} child (they are likely variables), and once a node has {@code maxChildren} children every new
 * token shares the {@code <*>} child too. Lines shorter than the routing depth stop at their last token.
 * <p>
 * Where a cluster sits depends only on its first line's tokens and on the clusters added before it, so adding the same
 * clusters in the same order rebuilds the same tree (what snapshot restore relies on). Not thread-safe.
 */
final class PrefixTree {

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<LogCluster> clusters = new ArrayList<>(1);
    }

    private final Map<Integer, Node> byLength = new HashMap<>();
    private final int tokenLayers;
    private final int maxChildren;

    PrefixTree(int tokenLayers, int maxChildren) {
        this.tokenLayers = tokenLayers;
        this.maxChildren = maxChildren;
    }

    /** The clusters a line with these tokens is compared with, in the order they were added; empty if none. */
    List<LogCluster> candidates(List<String> tokens) {
        Node node = byLength.get(tokens.size());
        if (node == null) {
            return List.of();
        }
        int layers = Math.min(tokenLayers, tokens.size());
        for (int i = 0; i < layers; i++) {
            Node next = node.children.get(tokens.get(i));
            if (next == null) {
                next = node.children.get(Template.WILDCARD);
                if (next == null) {
                    return List.of();
                }
            }
            node = next;
        }
        return node.clusters;
    }

    /** Adds a new cluster under the path of its first line's tokens. */
    void add(LogCluster cluster) {
        List<String> tokens = cluster.firstTokens;
        Node node = byLength.computeIfAbsent(tokens.size(), n -> new Node());
        int layers = Math.min(tokenLayers, tokens.size());
        for (int i = 0; i < layers; i++) {
            node = child(node, tokens.get(i));
        }
        node.clusters.add(cluster);
    }

    private Node child(Node node, String token) {
        Node existing = node.children.get(token);
        if (existing != null) {
            return existing;
        }
        Map<String, Node> children = node.children;
        if (variable(token)) {
            return children.computeIfAbsent(Template.WILDCARD, t -> new Node());
        }
        if (children.containsKey(Template.WILDCARD)) {
            // the wildcard child is already one of the children
            if (children.size() < maxChildren) {
                return put(children, token);
            }
            return children.get(Template.WILDCARD);
        }
        if (children.size() + 1 < maxChildren) {
            return put(children, token);
        }
        // the last free place goes to the wildcard child, which takes every token from now on
        return children.computeIfAbsent(Template.WILDCARD, t -> new Node());
    }

    private static Node put(Map<String, Node> children, String token) {
        Node created = new Node();
        children.put(token, created);
        return created;
    }

    private static boolean variable(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return token.contains(Template.WILDCARD);
    }
}
