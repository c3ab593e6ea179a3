package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Drops files into Vigil's inbox the way a well-behaved writer does, and makes the CSV the tests feed it. */
public final class Inbox {

    private final Path folder;

    public Inbox(Path folder) {
        this.folder = folder;
    }

    /** Writes under a dot-name and renames, so the inbox never sees half a file. */
    public void drop(String name, byte[] content) throws Exception {
        Path hidden = folder.resolve("." + name);
        Files.write(hidden, content);
        Files.move(hidden, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Forty hourly rows of {@code orders} around 100 with the given tags, collapsing to 12 for hours 30 to 32: one
     * incident, confirmed and resolved within the file.
     */
    public static String ordersWithCollapse(Instant start, String tags) {
        StringBuilder csv = new StringBuilder("timestamp,metric,value\n");
        for (int hour = 0; hour < 40; hour++) {
            double orders = hour >= 30 && hour < 33 ? 12 : 100 + 3 * Math.sin(hour);
            csv.append(String.format(Locale.ROOT, "%s,orders,%.1f,%s%n", start.plus(Duration.ofHours(hour)), orders, tags));
        }
        return csv.toString();
    }
}
