package dev.vigil.bench.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;

/**
 * How one loghub system is parsed in the benchmark (its line format is the shipped {@code LogFormats} entry of the
 * same name).
 *
 * @param system    the loghub system, also the {@code LogFormats} name
 * @param anchor    Drain's published grouping accuracy on it (Zhu et al., "Tools and Benchmarks for Automated Log
 *                  Parsing", ICSE-SEIP 2019, 2k samples, original ground truth)
 * @param logparser logpai/logparser's Drain {@code benchmark_settings} for it: its preprocessing regexes, similarity
 *                  threshold and depth, as published; running Vigil's miner with these reproduces the anchor
 * @param tuned     the same regexes, optionally followed by (or replaced by) Vigil's default masks, with the depth
 *                  and threshold that scored best on the original ground truth in a grid search (depth 3..6, st
 *                  0.20..0.90 by 0.05), where that beat logparser's setting; tuned on the data it is scored on, as
 *                  logparser's own settings were, so it is an upper figure, not a held-out one
 */
record LoghubSetting(String system, double anchor, DrainParameters logparser, DrainParameters tuned) {

    /** Which masks the tuned setting uses: logparser's regexes, those then Vigil's defaults, or the defaults alone. */
    private enum Masks { LP, LP_DEF, DEF }

    private static final Masks LP = Masks.LP;
    private static final Masks LP_DEF = Masks.LP_DEF;
    private static final Masks DEF = Masks.DEF;

    /** Brain's published average over the 16 systems (Yu et al., 2023). */
    static final double BRAIN_AVERAGE = 0.983;
    /** Drain's published average. */
    static final double DRAIN_AVERAGE = 0.865;

    static final List<LoghubSetting> ALL = List.of(
            of("HDFS", 0.998, 0.50, 4, LP, 0.50, 4, "blk_-?\\d+", "(\\d+\\.){3}\\d+(:\\d+)?"),
            of("Hadoop", 0.948, 0.50, 4, LP_DEF, 0.60, 3, "(\\d+\\.){3}\\d+"),
            of("Spark", 0.920, 0.50, 4, LP_DEF, 0.70, 5, "(\\d+\\.){3}\\d+", "\\b[KGTM]?B\\b", "([\\w-]+\\.){2,}[\\w-]+"),
            of("Zookeeper", 0.967, 0.50, 4, LP_DEF, 0.65, 3, "(/|)(\\d+\\.){3}\\d+(:\\d+)?"),
            of("BGL", 0.963, 0.50, 4, LP, 0.30, 6, "core\\.\\d+"),
            of("HPC", 0.887, 0.50, 4, LP_DEF, 0.45, 6, "=\\d+"),
            of("Thunderbird", 0.955, 0.50, 4, LP_DEF, 0.55, 5, "(\\d+\\.){3}\\d+"),
            of("Windows", 0.997, 0.70, 5, LP, 0.70, 5, "0x.*?\\s"),
            of("Linux", 0.690, 0.39, 6, LP, 0.39, 6, "(\\d+\\.){3}\\d+", "\\d{2}:\\d{2}:\\d{2}"),
            of("Android", 0.911, 0.20, 6, DEF, 0.55, 5, "(/[\\w-]+)+", "([\\w-]+\\.){2,}[\\w-]+",
                    "\\b(\\-?\\+?\\d+)\\b|\\b0[Xx][a-fA-F\\d]+\\b|\\b[a-fA-F\\d]{4,}\\b"),
            of("HealthApp", 0.780, 0.20, 4, LP_DEF, 0.20, 6),
            of("Apache", 1.000, 0.50, 4, LP, 0.50, 4, "(\\d+\\.){3}\\d+"),
            of("Proxifier", 0.527, 0.60, 3, LP, 0.60, 3, "<\\d+\\ssec", "([\\w-]+\\.)+[\\w-]+(:\\d+)?", "\\d{2}:\\d{2}(:\\d{2})*",
                    "[KGTM]B"),
            of("OpenSSH", 0.788, 0.60, 5, LP, 0.65, 5, "(\\d+\\.){3}\\d+", "([\\w-]+\\.){2,}[\\w-]+"),
            of("OpenStack", 0.733, 0.50, 5, DEF, 0.45, 6, "((\\d+\\.){3}\\d+,?)+", "/.+?\\s", "\\d+"),
            of("Mac", 0.787, 0.70, 6, LP, 0.65, 3, "([\\w-]+\\.){2,}[\\w-]+"));

    static final Map<String, LoghubSetting> BY_SYSTEM = ALL.stream()
            .collect(Collectors.toMap(LoghubSetting::system, Function.identity()));

    private static LoghubSetting of(String system, double anchor, double st, int depth, Masks tunedMasks,
            double tunedSt, int tunedDepth, String... regexes) {
        List<MaskRule> masks = new ArrayList<>();
        for (int i = 0; i < regexes.length; i++) {
            masks.add(MaskRule.of(system + "-" + (i + 1), regexes[i]));
        }
        List<MaskRule> tuned = switch (tunedMasks) {
            case LP -> masks;
            case LP_DEF -> {
                List<MaskRule> both = new ArrayList<>(masks);
                both.addAll(MaskRule.DEFAULTS);
                yield both;
            }
            case DEF -> MaskRule.DEFAULTS;
        };
        return new LoghubSetting(system, anchor,
                new DrainParameters(depth, st, DrainParameters.DEFAULT_MAX_CHILDREN, masks),
                new DrainParameters(tunedDepth, tunedSt, DrainParameters.DEFAULT_MAX_CHILDREN, tuned));
    }
}
