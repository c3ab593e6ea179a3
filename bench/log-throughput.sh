#!/usr/bin/env bash
# The live template path before and after a change, from one run: builds this tree's bench jar and, from git, the
# ingest and features modules of BEFORE (a commit or branch, default main), compiles LivePathThroughput against both and
# runs them in turns, ROUNDS times each. Figures are lines per second of CPU of the measuring thread, so a machine busy
# with other work slows both alike (bench/README.md, "Log parsing").
#   bench/log-throughput.sh [BEFORE] [ROUNDS]        MAVEN_FLAGS=-o to build offline
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${1:-main}
ROUNDS=${2:-3}
OUT=bench/target/log-throughput
./mvnw -B -q ${MAVEN_FLAGS:-} -DskipTests package -pl bench -am
rm -rf "$OUT"
mkdir -p "$OUT/src" "$OUT/classes"
git archive "$BEFORE" | tar -x -C "$OUT/src"
(cd "$OUT/src" && ./mvnw -B -q ${MAVEN_FLAGS:-} -DskipTests compile -pl features-module -am)
OLD="$OUT/src/features-module/target/classes:$OUT/src/ingest-module/target/classes"
# the old modules' classes first: the bench jar only lends them the libraries they use
javac -d "$OUT/classes" -cp "$OLD:bench/target/benchmarks.jar" bench/src/main/java/dev/vigil/bench/logs/LivePathThroughput.java
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $0 $*"
for round in $(seq "$ROUNDS"); do
    echo "before ($BEFORE): $(java -cp "$OUT/classes:$OLD:bench/target/benchmarks.jar" dev.vigil.bench.logs.LivePathThroughput)"
    echo "after:            $(java -cp bench/target/benchmarks.jar dev.vigil.bench.logs.LivePathThroughput)"
done
