package dev.vigil.ingest.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One source's counts: totals, a ring of per-second event counts over the last {@value #HISTORY_SECONDS} seconds and
 * the latest dead letters. Fixed size whatever the traffic. Thread-safe.
 */
final class SourceLedger {

    static final int RATE_SECONDS = 10;
    static final int HISTORY_SECONDS = 300;
    static final int HISTORY_STEP_SECONDS = 5;

    private final long[] countAt = new long[HISTORY_SECONDS];
    /** The epoch second each slot of {@link #countAt} counts, so a slot left from a lap ago reads as zero. */
    private final long[] secondAt = new long[HISTORY_SECONDS];
    private final ArrayDeque<SourceStatus.RecentDeadLetter> recent = new ArrayDeque<>();
    private final int keepDeadLetters;
    private long events;
    private Instant lastEventAt;
    private long deadLetters;
    private Instant lastDeadLetterAt;

    SourceLedger(int keepDeadLetters) {
        this.keepDeadLetters = keepDeadLetters;
    }

    synchronized void accepted(Instant now, int count) {
        long second = now.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) HISTORY_SECONDS);
        if (secondAt[slot] != second) {
            secondAt[slot] = second;
            countAt[slot] = 0;
        }
        countAt[slot] += count;
        events += count;
        lastEventAt = now;
    }

    synchronized void rejected(Instant now, String origin, String reason) {
        deadLetters++;
        lastDeadLetterAt = now;
        recent.addFirst(new SourceStatus.RecentDeadLetter(now, origin, reason));
        while (recent.size() > keepDeadLetters) {
            recent.removeLast();
        }
    }

    synchronized SourceStatus status(String source, Instant now, Duration quietAfter) {
        long nowSecond = now.getEpochSecond();
        double rate = sum(nowSecond - RATE_SECONDS + 1, nowSecond) / (double) RATE_SECONDS;
        List<SourceStatus.RatePoint> history = new ArrayList<>(HISTORY_SECONDS / HISTORY_STEP_SECONDS);
        for (long end = nowSecond - HISTORY_SECONDS + HISTORY_STEP_SECONDS; end <= nowSecond; end += HISTORY_STEP_SECONDS) {
            history.add(new SourceStatus.RatePoint(Instant.ofEpochSecond(end),
                    sum(end - HISTORY_STEP_SECONDS + 1, end) / (double) HISTORY_STEP_SECONDS));
        }
        boolean quiet = lastEventAt == null || Duration.between(lastEventAt, now).compareTo(quietAfter) > 0;
        return new SourceStatus(source, events, rate, lastEventAt, quiet, deadLetters, lastDeadLetterAt,
                List.copyOf(recent), List.copyOf(history));
    }

    /** Events counted in the seconds {@code from..to}, both included; seconds older than the ring count as zero. */
    private long sum(long from, long to) {
        long total = 0;
        for (long second = Math.max(from, to - HISTORY_SECONDS + 1); second <= to; second++) {
            int slot = (int) Math.floorMod(second, (long) HISTORY_SECONDS);
            if (secondAt[slot] == second) {
                total += countAt[slot];
            }
        }
        return total;
    }
}
