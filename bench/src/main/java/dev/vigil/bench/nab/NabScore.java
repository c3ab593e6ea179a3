package dev.vigil.bench.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Command line: {@code NabScore --nab DIR --results DIR --detector NAME [--threshold X] [--json FILE]}.
 * Exit code 0 when scored, 2 for bad arguments or bad input (the message names the file and row), 1 otherwise.
 */
public final class NabScore {

    static final String USAGE = "usage: NabScore --nab DIR --results DIR --detector NAME [--threshold X] [--json FILE]";

    private NabScore() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path nab = null;
        Path results = null;
        String detector = null;
        OptionalDouble threshold = OptionalDouble.empty();
        Path json = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--nab" -> nab = Path.of(v);
                    case "--results" -> results = Path.of(v);
                    case "--detector" -> detector = v;
                    case "--threshold" -> threshold = OptionalDouble.of(parseThreshold(v));
                    case "--json" -> json = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (nab == null || results == null || detector == null) {
                throw new IllegalArgumentException("--nab, --results and --detector are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("NabScore: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            if (!Files.isDirectory(results.resolve(detector))) {
                throw new NabInputException(results.resolve(detector) + ": no results folder for detector " + detector);
            }
            List<DataFile> corpus = CorpusReader.read(nab);
            List<Profile> profiles = ProfilesReader.read(nab.resolve("config").resolve("profiles.json"));
            Map<String, double[]> scores = ResultsReader.read(results, detector, corpus);
            NabResult r = NabScorer.score(detector, corpus, scores, profiles, threshold);
            out.print(NabReport.text(r));
            if (json != null) {
                NabReport.writeJson(r, json);
            }
            return 0;
        } catch (NabInputException e) {
            err.println("NabScore: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("NabScore: cannot write " + json + ": " + e.getMessage());
            return 1;
        }
    }

    private static double parseThreshold(String v) {
        double t;
        try {
            t = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold " + v + " is not a number");
        }
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("--threshold must be a finite number");
        }
        return t;
    }
}
