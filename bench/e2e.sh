#!/usr/bin/env bash
# The end-to-end benchmark (bench/README.md, "End to end"): builds Vigil and the bench module, then runs
# dev.vigil.bench.e2e.EndToEndBenchmark on the packaged app's own libraries: the brokers (in-process KRaft Kafka,
# embedded HiveMQ CE), producers and raw consumers in that JVM, Vigil as a child process (deploy/target/quarkus-app).
# Then the PMML path: JMH, Vigil's live model scorer against the raw evaluator in the same run.
#   bench/e2e.sh [--phases kafka,latency,mqtt,edge,heap,pmml] [--kafka-events N] [--mqtt-events N]
#                [--baseline-app DIR [--repeats N]] [--jfr FILE] [--heap-series 10000,100000,1000000]
# About 35 minutes on 2 cores, 15 of them the 1 M-series heap run. Figures: the lines starting "FIGURE", summed up at
# the end. The MQTT ceiling wants Debian's mosquitto (apt-get install mosquitto); without it the embedded HiveMQ CE
# is used, and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
COMMAND="bench/e2e.sh $*"
PHASES=kafka,latency,mqtt,edge,heap,pmml
ARGS=()
while [ $# -gt 0 ]; do
    if [ "$1" = "--phases" ]; then PHASES=$2; shift 2; else ARGS+=("$1"); shift; fi
done
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package -pl deploy,bench -am
E2E_PHASES=$(echo ",$PHASES," | sed 's/,pmml,/,/; s/^,//; s/,$//')
if [ -n "$E2E_PHASES" ]; then
    # the brokers log through SLF4J, which finds no provider outside Quarkus and stays quiet (its warnings say so)
    java -Xmx2g -Dvigil.bench.command="$COMMAND" -cp "bench/target/classes:deploy/target/quarkus-app/lib/main/*" \
        dev.vigil.bench.e2e.EndToEndBenchmark --phases "$E2E_PHASES" ${ARGS[@]+"${ARGS[@]}"}
fi
if [[ ",$PHASES," == *",pmml,"* ]]; then
    echo "== PMML path: ModelScorer.judge (the users detector's model scorer, live path) vs the raw evaluator, same JMH run"
    java -jar bench/target/benchmarks.jar 'PmmlScoringBenchmark.(rawEvaluator|vigilScorer)' -f 1 -wi 3 -w 2 -i 5 -r 2 \
        -tu us -rf csv -rff bench/target/e2e-pmml.csv | grep -E '^(Benchmark|PmmlScoringBenchmark)'
    awk -F, 'NR > 1 { gsub(/"/, ""); k = split($1, n, "."); t[n[k]] = $5 }
        END { printf "FIGURE PMML path (%d cores): Vigil %.0f rows/s, raw evaluator %.0f rows/s: Vigil / raw = %.1f %%\n",
              cores, 1e6 / t["vigilScorer"], 1e6 / t["rawEvaluator"], 100 * t["rawEvaluator"] / t["vigilScorer"] }' \
        cores="$(nproc)" bench/target/e2e-pmml.csv
fi
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $COMMAND"
