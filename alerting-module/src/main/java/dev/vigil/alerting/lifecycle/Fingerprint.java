package dev.vigil.alerting.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;

/** A stable identity for an incident: the same detector, source, entity and labels give the same fingerprint. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String detector, String source, String entity, SortedMap<String, String> labels) {
        StringBuilder key = new StringBuilder().append(detector).append('\u0000').append(source).append('\u0000').append(entity);
        labels.forEach((k, v) -> key.append('\u0000').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
