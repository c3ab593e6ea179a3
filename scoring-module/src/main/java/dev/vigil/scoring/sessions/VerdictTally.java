package dev.vigil.scoring.sessions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The verdicts on one service's sessions between two of its windows, bounded: how many sessions were judged and how
 * many were out of pattern, and the {@value #KEPT} worst verdicts, which are all an explanation names. Not
 * thread-safe.
 */
public final class VerdictTally {

    /** Verdicts kept, the worst ones. */
    static final int KEPT = 16;

    private static final Comparator<SessionVerdict> MILDEST_FIRST = Comparator.comparingDouble(v -> v.finding().ratio());

    private final PriorityQueue<SessionVerdict> worst = new PriorityQueue<>(MILDEST_FIRST);
    private long judged;
    private long anomalous;

    public void add(SessionVerdict verdict) {
        judged++;
        if (verdict.anomalous()) {
            anomalous++;
        }
        worst.add(verdict);
        if (worst.size() > KEPT) {
            worst.poll();
        }
    }

    public long judged() {
        return judged;
    }

    public long anomalous() {
        return anomalous;
    }

    /** The worst verdicts kept, worst first. */
    public List<SessionVerdict> worstFirst() {
        List<SessionVerdict> sorted = new ArrayList<>(worst);
        sorted.sort(MILDEST_FIRST.reversed());
        return sorted;
    }
}
