package dev.vigil.features.baseline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One {@link RollingBaseline} per source, entity and feature. */
public final class Baselines {

    private final int capacity;
    private final ConcurrentMap<String, RollingBaseline> baselines = new ConcurrentHashMap<>();

    public Baselines(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Returns the statistics before {@code value} and then learns it, atomically per entity and feature, so a window
     * is always scored against the windows before it.
     */
    public BaselineStats statsThenLearn(String source, String entity, String feature, double value) {
        RollingBaseline baseline = baselines.computeIfAbsent(source + '\u0000' + entity + '\u0000' + feature,
                k -> new RollingBaseline(capacity));
        synchronized (baseline) {
            BaselineStats before = baseline.stats();
            baseline.add(value);
            return before;
        }
    }

    public int size() {
        return baselines.size();
    }
}
