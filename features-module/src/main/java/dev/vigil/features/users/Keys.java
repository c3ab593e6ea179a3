package dev.vigil.features.users;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The small conversions the activity state shares: text to a 32-bit key, country codes, hours of the day. */
final class Keys {

    private Keys() {
    }

    /** FNV-1a over the characters, then MurmurHash3's finaliser: a well-spread 32-bit key for a set of some dozens. */
    static int of(String text) {
        int h = 0x811c9dc5;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** A two-letter country code as a key that can be read back ({@link #country(int)}); 0 is none. */
    static int country(String code) {
        return code == null ? 0 : code.charAt(0) << 8 | code.charAt(1);
    }

    static String country(int key) {
        return "" + (char) (key >>> 8) + (char) (key & 0xff);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** {@code 2026-01-08 03:12} in {@code zone}: how evidence gives a time. */
    static String time(long epochSecond, ZoneId zone) {
        return TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    /** The hour of the day, in {@code zone}, of an epoch second. */
    static int hourOfDay(long epochSecond, ZoneId zone) {
        int offset = zone == ZoneOffset.UTC ? 0
                : zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        return (int) (Math.floorMod(epochSecond + offset, 86_400L) / 3600);
    }
}
