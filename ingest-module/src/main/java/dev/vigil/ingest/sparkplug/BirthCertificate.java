package dev.vigil.ingest.sparkplug;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.contracts.InputRules;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

/**
 * The metrics an edge node or device declared in its birth certificate (NBIRTH, DBIRTH): each with its name and data
 * type, by name and by alias, so that data messages can name a metric by its alias alone.
 */
final class BirthCertificate {

    /** One declared metric. */
    record Definition(String name, DataType type) {
    }

    private final Map<String, Definition> byName = new HashMap<>();
    private final Map<Long, Definition> byAlias = new HashMap<>();

    /**
     * The certificate of these birth metrics; a metric without a name or a known data type, or with an alias already
     * taken, is left out and its problem added to {@code problems}.
     */
    static BirthCertificate of(List<Metric> metrics, List<String> problems) {
        BirthCertificate certificate = new BirthCertificate();
        for (Metric metric : metrics) {
            if (!metric.hasName() || metric.getName().isEmpty()) {
                problems.add("a birth metric without a name" + (metric.hasAlias() ? " (alias " + metric.getAlias() + ")" : ""));
                continue;
            }
            String name = InputRules.printable(metric.getName(), 80);
            DataType type = metric.hasDatatype() ? DataType.forNumber(metric.getDatatype()) : null;
            if (type == null || type == DataType.Unknown) {
                problems.add("birth metric '" + name + "' has no known datatype");
                continue;
            }
            Definition definition = new Definition(metric.getName(), type);
            if (metric.hasAlias()) {
                Definition taken = certificate.byAlias.putIfAbsent(metric.getAlias(), definition);
                if (taken != null) {
                    problems.add("birth metric '" + name + "' has alias " + metric.getAlias() + ", already '"
                            + InputRules.printable(taken.name(), 80) + "''s");
                    continue;
                }
            }
            certificate.byName.put(metric.getName(), definition);
        }
        return certificate;
    }

    /** The declared metric a data message's metric is (by its name, else its alias); null when it was not declared. */
    Definition resolve(Metric metric) {
        if (metric.hasName() && !metric.getName().isEmpty()) {
            return byName.get(metric.getName());
        }
        return metric.hasAlias() ? byAlias.get(metric.getAlias()) : null;
    }
}
