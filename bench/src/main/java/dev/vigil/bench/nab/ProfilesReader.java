package dev.vigil.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code config/profiles.json}: {@code {name: {"CostMatrix": {tpWeight, fpWeight, fnWeight, tnWeight}}}}. */
public final class ProfilesReader {

    private ProfilesReader() {
    }

    /** The profiles in file order. */
    public static List<Profile> read(Path profilesJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(profilesJson.toFile());
        } catch (IOException e) {
            throw new NabInputException(profilesJson + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new NabInputException(profilesJson + ": expected a JSON object of profiles");
        }
        List<Profile> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode m = e.getValue().get("CostMatrix");
            if (m == null || !m.isObject()) {
                throw new NabInputException(profilesJson + ": profile " + e.getKey() + " has no CostMatrix");
            }
            out.add(new Profile(e.getKey(), weight(profilesJson, e.getKey(), m, "tpWeight"),
                    weight(profilesJson, e.getKey(), m, "fpWeight"), weight(profilesJson, e.getKey(), m, "fnWeight")));
        }
        return out;
    }

    private static double weight(Path file, String profile, JsonNode matrix, String key) {
        JsonNode v = matrix.get(key);
        if (v == null || !v.isNumber()) {
            throw new NabInputException(file + ": profile " + profile + ": " + key + " missing or not a number");
        }
        return v.asDouble();
    }
}
