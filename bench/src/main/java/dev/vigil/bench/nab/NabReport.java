package dev.vigil.bench.nab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes a {@link NabResult} as text (scores with two decimals, as NAB prints them) or as JSON (full precision). */
public final class NabReport {

    private NabReport() {
    }

    public static String text(NabResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "NAB v1.1 scores for detector '%s' (%d files, %d rows)%n",
                r.detector(), r.files(), r.rows()));
        for (NabResult.ProfileResult p : r.profiles()) {
            Profile pr = p.profile();
            b.append(String.format(Locale.ROOT, "%nprofile %s (tp %.2f, fp %.2f, fn %.2f)%n",
                    pr.name(), pr.tpWeight(), pr.fpWeight(), pr.fnWeight()));
            line(b, "optimised", p.optimised());
            if (p.fixed() != null) {
                line(b, "fixed", p.fixed());
            }
            for (NabResult.CategoryResult c : p.categories()) {
                line(b, "  " + c.category(), c.figures());
            }
            if (p.fixed() != null) {
                for (NabResult.CategoryResult c : p.categories()) {
                    line(b, "  " + c.category() + " @fixed", c.fixed());
                }
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, Figures f) {
        String score = Double.isNaN(f.normalised()) ? "   n/a" : String.format(Locale.ROOT, "%6.2f", f.normalised());
        b.append(String.format(Locale.ROOT,
                "  %-30s threshold %-10s score %s  (raw %.4f, null %.1f, perfect %.1f)  windows %d: TP %d FN %d, FP rows %d%n",
                label, threshold(f.threshold()), score, f.raw(), f.nullScore(), f.perfect(),
                f.windows(), f.windowsDetected(), f.windowsMissed(), f.fp()));
    }

    private static String threshold(double t) {
        return String.format(Locale.ROOT, "%.6f", t);
    }

    public static Map<String, Object> json(NabResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("detector", r.detector());
        root.put("files", r.files());
        root.put("rows", r.rows());
        Map<String, Object> profiles = new LinkedHashMap<>();
        for (NabResult.ProfileResult p : r.profiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> weights = new LinkedHashMap<>();
            weights.put("tpWeight", p.profile().tpWeight());
            weights.put("fpWeight", p.profile().fpWeight());
            weights.put("fnWeight", p.profile().fnWeight());
            m.put("costMatrix", weights);
            m.put("optimised", figures(p.optimised()));
            if (p.fixed() != null) {
                m.put("fixed", figures(p.fixed()));
            }
            Map<String, Object> cats = new LinkedHashMap<>();
            for (NabResult.CategoryResult c : p.categories()) {
                Map<String, Object> cm = figures(c.figures());
                cm.put("files", c.files());
                if (c.fixed() != null) {
                    cm.put("fixed", figures(c.fixed()));
                }
                cats.put(c.category(), cm);
            }
            m.put("categories", cats);
            profiles.put(p.profile().name(), m);
        }
        root.put("profiles", profiles);
        return root;
    }

    private static Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", f.threshold());
        m.put("score", Double.isNaN(f.normalised()) ? null : f.normalised());
        m.put("raw", f.raw());
        m.put("null", f.nullScore());
        m.put("perfect", f.perfect());
        m.put("windows", f.windows());
        m.put("tpWindows", f.windowsDetected());
        m.put("fnWindows", f.windowsMissed());
        m.put("fpRows", f.fp());
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("tp", f.tp());
        rows.put("tn", f.tn());
        rows.put("fp", f.fp());
        rows.put("fn", f.fn());
        m.put("rowCounts", rows);
        return m;
    }

    public static void writeJson(NabResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json(r));
    }
}
