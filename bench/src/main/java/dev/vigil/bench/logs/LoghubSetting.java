package dev.vigil.bench.logs;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vigil.features.logs.DrainParameters;
import dev.vigil.features.logs.MaskRule;

/**
 * How one loghub system is parsed in the benchmark: its shipped line format, and the Drain parameters tuned for it the
 * way logpai/logparser's Drain benchmark tunes them (per-system preprocessing regexes, similarity threshold and depth;
 * the regexes and figures are logparser's {@code benchmark_settings}, which we reuse so the comparison is like for
 * like).
 *
 * @param system  the loghub system, also the {@code LogFormats} name
 * @param anchor  Drain's published grouping accuracy on it (Zhu et al., ICSE-SEIP 2019, Table of 2k results)
 * @param tuned   the per-system parameters
 */
record LoghubSetting(String system, double anchor, DrainParameters tuned) {

    /** Brain's published average over the 16 systems (Yu et al., 2023). */
    static final double BRAIN_AVERAGE = 0.983;
    /** Drain's published average. */
    static final double DRAIN_AVERAGE = 0.865;

    static final List<LoghubSetting> ALL = List.of(
            of("HDFS", 0.998, 0.5, 4, "blk_-?\\d+", "(\\d+\\.){3}\\d+(:\\d+)?"),
            of("Hadoop", 0.948, 0.5, 4, "(\\d+\\.){3}\\d+"),
            of("Spark", 0.920, 0.5, 4, "(\\d+\\.){3}\\d+", "\\b[KGTM]?B\\b", "([\\w-]+\\.){2,}[\\w-]+"),
            of("Zookeeper", 0.967, 0.5, 4, "(/|)(\\d+\\.){3}\\d+(:\\d+)?"),
            of("BGL", 0.963, 0.5, 4, "core\\.\\d+"),
            of("HPC", 0.887, 0.5, 4, "=\\d+"),
            of("Thunderbird", 0.955, 0.5, 4, "(\\d+\\.){3}\\d+"),
            of("Windows", 0.997, 0.7, 5, "0x.*?\\s"),
            of("Linux", 0.690, 0.39, 6, "(\\d+\\.){3}\\d+", "\\d{2}:\\d{2}:\\d{2}"),
            of("Android", 0.911, 0.2, 6, "(/[\\w-]+)+", "([\\w-]+\\.){2,}[\\w-]+",
                    "\\b(\\-?\\+?\\d+)\\b|\\b0[Xx][a-fA-F\\d]+\\b|\\b[a-fA-F\\d]{4,}\\b"),
            of("HealthApp", 0.780, 0.2, 4),
            of("Apache", 1.000, 0.5, 4, "(\\d+\\.){3}\\d+"),
            of("Proxifier", 0.527, 0.6, 3, "<\\d+\\ssec", "([\\w-]+\\.)+[\\w-]+(:\\d+)?", "\\d{2}:\\d{2}(:\\d{2})*",
                    "[KGTM]B"),
            of("OpenSSH", 0.788, 0.6, 5, "(\\d+\\.){3}\\d+", "([\\w-]+\\.){2,}[\\w-]+"),
            of("OpenStack", 0.733, 0.5, 5, "((\\d+\\.){3}\\d+,?)+", "/.+?\\s", "\\d+"),
            of("Mac", 0.787, 0.7, 6, "([\\w-]+\\.){2,}[\\w-]+"));

    static final Map<String, LoghubSetting> BY_SYSTEM = ALL.stream()
            .collect(Collectors.toMap(LoghubSetting::system, Function.identity()));

    private static LoghubSetting of(String system, double anchor, double st, int depth, String... regexes) {
        List<MaskRule> masks = new java.util.ArrayList<>();
        for (int i = 0; i < regexes.length; i++) {
            masks.add(MaskRule.of(system + "-" + (i + 1), regexes[i]));
        }
        return new LoghubSetting(system, anchor,
                new DrainParameters(depth, st, DrainParameters.DEFAULT_MAX_CHILDREN, masks));
    }
}
