package dev.vigil.bench.logs;

import java.util.List;

/**
 * What the field published for one loghub system on its 2k sample (grouping accuracy, original ground truth): Drain
 * (Zhu et al., "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019) and Brain (Yu et al., "Brain: Log
 * Parsing with Bidirectional Parallel Tree", TSC 2023; logpai/logparser's {@code Brain_bechmark_result.csv}). Figures
 * to compare with, not settings: what Vigil parses with is the shipped format of the same name.
 *
 * @param system the loghub system, also the name of its shipped format
 * @param drain  Drain's published grouping accuracy
 * @param brain  Brain's published grouping accuracy
 */
record LoghubPublished(String system, double drain, double brain) {

    /** Drain's published average over the 16 systems. */
    static final double DRAIN_AVERAGE = 0.865;
    /** Brain's published average. */
    static final double BRAIN_AVERAGE = 0.983;

    static final List<LoghubPublished> ALL = List.of(
            new LoghubPublished("HDFS", 0.998, 0.9975),
            new LoghubPublished("Hadoop", 0.948, 0.949),
            new LoghubPublished("Spark", 0.920, 0.9975),
            new LoghubPublished("Zookeeper", 0.967, 0.9875),
            new LoghubPublished("BGL", 0.963, 0.986),
            new LoghubPublished("HPC", 0.887, 0.945),
            new LoghubPublished("Thunderbird", 0.955, 0.971),
            new LoghubPublished("Windows", 0.997, 0.997),
            new LoghubPublished("Linux", 0.690, 0.996),
            new LoghubPublished("Android", 0.911, 0.9605),
            new LoghubPublished("HealthApp", 0.780, 1.000),
            new LoghubPublished("Apache", 1.000, 1.000),
            new LoghubPublished("Proxifier", 0.527, 1.000),
            new LoghubPublished("OpenSSH", 0.788, 1.000),
            new LoghubPublished("OpenStack", 0.733, 1.000),
            new LoghubPublished("Mac", 0.787, 0.942));
}
