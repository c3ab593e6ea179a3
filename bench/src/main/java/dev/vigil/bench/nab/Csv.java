package dev.vigil.bench.nab;

import java.util.ArrayList;
import java.util.List;

/** The plain CSV NAB writes: comma-separated, no embedded commas; a field in double quotes is unquoted. */
final class Csv {

    private Csv() {
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int comma = line.indexOf(',', from);
            String f = comma < 0 ? line.substring(from) : line.substring(from, comma);
            f = f.strip();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1);
            }
            out.add(f);
            if (comma < 0) {
                return out;
            }
            from = comma + 1;
        }
    }
}
