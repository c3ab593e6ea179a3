package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * When in the day a user is usually active: how many of its actions fell in each hour of the day, learned from
 * completed hours only (an hour in progress, an attack at 3 a.m. included, is judged against the profile before it).
 * Past {@link #CAPACITY} actions the counts are scaled down, so old habits fade as new ones are learned. Not
 * thread-safe.
 */
final class HourProfile {

    /** A profile that has learned fewer actions than this says nothing about unusual hours. */
    static final double MATURE = 100;
    /** An hour with less than this share of the user's actions is one it is rarely active in. */
    static final double RARE_SHARE = 0.02;
    private static final double CAPACITY = 10_000;

    private final double[] counts = new double[24];
    private double total;

    void learn(int hourOfDay, int actions) {
        if (actions <= 0) {
            return;
        }
        counts[hourOfDay] += actions;
        total += actions;
        if (total > CAPACITY) {
            double scale = CAPACITY / total;
            for (int h = 0; h < 24; h++) {
                counts[h] *= scale;
            }
            total = CAPACITY;
        }
    }

    boolean mature() {
        return total >= MATURE;
    }

    /** The share of the user's actions in that hour of the day, 0 for a profile that learned nothing. */
    double share(int hourOfDay) {
        return total == 0 ? 0 : counts[hourOfDay] / total;
    }

    /** Whether the user is rarely active in that hour, as far as a mature profile knows. */
    boolean rare(int hourOfDay) {
        return mature() && share(hourOfDay) < RARE_SHARE;
    }

    double learned() {
        return total;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(total);
        for (double c : counts) {
            out.writeDouble(c);
        }
    }

    void readFrom(DataInput in) throws IOException {
        total = in.readDouble();
        for (int h = 0; h < 24; h++) {
            counts[h] = in.readDouble();
        }
    }
}
