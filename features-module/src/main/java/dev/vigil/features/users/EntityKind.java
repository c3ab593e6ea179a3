package dev.vigil.features.users;

import java.util.Locale;

/** What a user-events window is about: one user, or one client address (whoever uses it). */
public enum EntityKind {
    /** A user: its own habits are learned and its windows judged against them. */
    USER,
    /** A client address: what is tried from it, across users (credential stuffing, password spraying). */
    IP;

    /** The label and entity prefix: {@code user}, {@code ip}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The entity name of a window: {@code user:alice}, {@code ip:203.0.113.7}. */
    public String entity(String id) {
        return label() + ":" + id;
    }
}
