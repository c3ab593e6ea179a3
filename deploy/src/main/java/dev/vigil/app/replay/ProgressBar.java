package dev.vigil.app.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on the error stream: redrawn in place on a terminal, a line every tenth of the work otherwise (so a
 * log file shows progress without a line per row).
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long startedAt = System.nanoTime();
    private long done;
    private long lastDrawnAt;
    private int lastTenth = -1;

    public ProgressBar(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = Math.max(total, 1);
    }

    public void advance(long rows, String current) {
        done += rows;
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
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %,d/%,d rows %.1f s %s", "=".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * done / total, done, total, seconds, current);
        if (terminal) {
            out.print('\r' + line);
        } else {
            out.println(line);
        }
        out.flush();
    }
}
