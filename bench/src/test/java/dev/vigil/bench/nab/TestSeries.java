package dev.vigil.bench.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Hand-made series: one row a minute from 2020-01-01 00:00, windows given as inclusive row ranges. */
final class TestSeries {

    static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);
    static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
    static final Profile LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    static final Profile LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    static final List<Profile> PROFILES = List.of(STANDARD, LOW_FP, LOW_FN);

    private TestSeries() {
    }

    /** @param windows pairs of row indices {first, last} */
    static DataFile file(String path, int rows, int[]... windows) {
        List<LocalDateTime> ts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ts.add(T0.plusMinutes(i));
        }
        List<Window> w = new ArrayList<>();
        for (int[] range : windows) {
            w.add(new Window(ts.get(range[0]), ts.get(range[1])));
        }
        return new DataFile(path, ts, w);
    }

    /** Scores 0 everywhere except {@code value} at the given rows. */
    static double[] detections(int rows, double value, int... at) {
        double[] s = new double[rows];
        for (int i : at) {
            s[i] = value;
        }
        return s;
    }
}
