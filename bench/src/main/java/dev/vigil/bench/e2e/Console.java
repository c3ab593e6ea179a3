package dev.vigil.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the drivers of bench/*.sh share: their {@code --name value} options, their output and the machine's load. */
final class Console {

    private Console() {
    }

    /** {@code --name value} pairs by name; anything else is refused with {@code usage}. */
    static Map<String, String> options(String[] args, String usage) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: " + usage + ", got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** A line on standard output, at once (the drivers run for minutes and are watched). */
    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The 1, 5 and 15 minute load averages: a shared machine's figures mean little without them. */
    static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
