#!/usr/bin/env bash
# The replay benchmark (bench/README.md, "Replay"): ./vigil replay on generated files, as the launcher runs it
# (java -Xmx512m -cp "deploy/target/quarkus-app/app/*:deploy/target/quarkus-app/lib/main/*" ReplayCli), the JVM pinned
# to one core (taskset), with GC logging for the heap. Cases: a 400,000-row univariate file through each detector kind
# (bench/replay-detectors.yaml: z, robust-z, ewma, cusum, seasonal, percentile; and the shipped metric-baseline, also
# with --window 10m), and a 400,000-row x 38-metric file through the shipped metric-baseline. Per case: rows, wall
# and CPU seconds, rows/s on the wall clock and per CPU second, peak heap used and the most still live after a GC (from
# the GC log), peak resident memory. With --baseline-app DIR another build's quarkus-app runs each case first, in the
# same run (before/after).
#   bench/replay.sh [--baseline-app DIR] [--rows N] [--metrics N] [--cpu N] [--cases univariate,window,servers]
#                   [--kinds z,robust-z,ewma,cusum,seasonal,percentile,metric-baseline]
# SKIP_BUILD=1 skips the build. Figures: the lines starting "FIGURE", and a table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
COMMAND="bench/replay.sh $*"
BASELINE=""
ROWS=400000
METRICS=38
CPU=1
CASES=univariate,window,servers
KINDS=z,robust-z,ewma,cusum,seasonal,percentile,metric-baseline
while [ $# -gt 0 ]; do
    case "$1" in
        --baseline-app) BASELINE=$(cd "$2" && pwd); shift 2 ;;
        --rows) ROWS=$2; shift 2 ;;
        --metrics) METRICS=$2; shift 2 ;;
        --cpu) CPU=$2; shift 2 ;;
        --cases) CASES=$2; shift 2 ;;
        --kinds) KINDS=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package -pl deploy,bench -am
OUT=$(pwd)/bench/target/replay
DATA=$OUT/data-$ROWS-$METRICS
if [ ! -f "$DATA/servers.csv" ]; then
    java -cp bench/target/classes dev.vigil.bench.replay.ReplayData --output "$DATA" --univariate "$ROWS" \
        --servers "$ROWS" --metrics "$METRICS"
fi
mkdir -p "$DATA/univariate" "$DATA/servers"
[ -f "$DATA/univariate/univariate.csv" ] || mv "$DATA/univariate.csv" "$DATA/univariate/"
[ -f "$DATA/servers/servers.csv" ] || mv "$DATA/servers.csv" "$DATA/servers/"
THIS_APP=$(pwd)/deploy/target/quarkus-app
TABLE=$OUT/figures.txt
: > "$TABLE"

# run LABEL APP ARGS...: one replay, as the launcher runs it, pinned to one core; prints and keeps its figures
run() {
    local label=$1 app=$2
    shift 2
    local log=$OUT/$label.log gc=$OUT/$label.gc.log time=$OUT/$label.time
    rm -rf "$OUT/results" "$gc"
    set +e
    /usr/bin/time -f "%e %U %S %M" -o "$time" taskset -c "$CPU" \
        java -Xmx512m "-Xlog:gc:file=$gc" -cp "$app/app/*:$app/lib/main/*" dev.vigil.app.replay.ReplayCli \
        --output "$OUT/results" "$@" > "$log" 2>&1
    local code=$?
    set -e
    read -r wall user sys rss < <(tail -1 "$time")
    local rows heap live
    rows=$(grep -o 'replay: [0-9,]* rows in' "$log" | tail -1 | tr -dc '0-9')
    read -r heap live < <(grep -o '[0-9]*M->[0-9]*M' "$gc" 2>/dev/null \
        | awk -F'M->|M' '{ if ($1 > b) b = $1; if ($2 > a) a = $2 } END { print b + 0, a + 0 }')
    local result
    if [ "$code" -eq 0 ] && [ -n "$rows" ]; then
        result=$(awk -v r="$rows" -v w="$wall" -v u="$user" -v s="$sys" \
            'BEGIN { printf "%d rows, %.1f s wall, %.1f s CPU: %.0f rows/s, %.0f rows per CPU second", r, w, u + s, r / w, r / (u + s) }')
    elif grep -q OutOfMemoryError "$log"; then
        result="OutOfMemoryError after $wall s ($(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') s CPU)"
    else
        result="failed (exit $code): $(grep -m1 'replay:' "$log" || tail -1 "$log")"
    fi
    local line
    line=$(printf '%-34s %s; peak heap %s MB, live after GC %s MB, peak RSS %d MB' "$label" "$result" "$heap" "$live" \
        $((rss / 1024)))
    echo "FIGURE $line"
    echo "$line" >> "$TABLE"
}

# each LABEL ARGS...: the case on the baseline build (when given), then on this one
each() {
    local label=$1
    shift
    if [ -n "$BASELINE" ]; then
        run "$label (before)" "$BASELINE" "$@"
    fi
    run "$label (after)" "$THIS_APP" "$@"
}

echo "== replay benchmark: $ROWS rows, $METRICS metrics in the multi-metric file; one core (taskset -c $CPU); java -Xmx512m"
if [[ ",$CASES," == *",univariate,"* ]]; then
    for kind in ${KINDS//,/ }; do
        if [ "$kind" = metric-baseline ]; then
            each "univariate $kind" --input "$DATA/univariate" --detector metric-baseline
        else
            each "univariate $kind" --input "$DATA/univariate" --config bench/replay-detectors.yaml --detector "$kind"
        fi
    done
fi
if [[ ",$CASES," == *",window,"* ]]; then
    run "univariate metric-baseline --window 10m" "$THIS_APP" --input "$DATA/univariate" --detector metric-baseline \
        --window 10m
fi
if [[ ",$CASES," == *",servers,"* ]]; then
    each "${METRICS} metrics metric-baseline" --input "$DATA/servers" --detector metric-baseline
fi
echo
echo "== figures ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $COMMAND)"
cat "$TABLE"
