package dev.vigil.app.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on the error stream: redrawn in place on a terminal, a line every tenth of the work otherwise (so a
 * log file shows progress without a line per row). The work is whatever the caller counts (rows, or bytes of the
 * files read); the rows done are shown beside it.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long startedAt = System.nanoTime();
    private long done;
    private long rows;
    private long lastDrawnAt;
    private int lastTenth = -1;

    /** @param total the work to do, in the unit {@link #advance} counts */
    public ProgressBar(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = Math.max(total, 1);
    }

    /** Some more rows done, on {@code current} (a scenario, a file), where the work is counted in rows. */
    public void advance(long rows, String current) {
        advance(rows, rows, current);
    }

    /** Some more work done, and rows, on {@code current} (a file, a scenario). */
    public void advance(long work, long rows, String current) {
        this.done = Math.min(total, done + work);
        this.rows += rows;
        long now = System.nanoTime();
        int tenth = (int) (10 * done / total);
        if (terminal ? now - lastDrawnAt >= REDRAW_NANOS || done >= total : tenth != lastTenth) {
            lastDrawnAt = now;
            lastTenth = tenth;
            draw(current);
        }
    }

    public void finish(String summary) {
        if (terminal) {
            out.print('\r' + " ".repeat(WIDTH + 60) + '\r');
        }
        out.println(summary);
    }

    private void draw(String current) {
        int filled = (int) (WIDTH * done / total);
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %,d rows %.1f s %s", "=".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * done / total, rows, seconds, current);
        if (terminal) {
            out.print('\r' + line);
        } else {
            out.println(line);
        }
        out.flush();
    }
}
