#!/usr/bin/env bash
# The replay benchmark (bench/README.md, "Replay"): ./vigil replay on generated files, as the launcher runs it
# (java -Xmx512m -cp "deploy/target/quarkus-app/app/*:deploy/target/quarkus-app/lib/main/*" dev.vigil.app.cli.VigilCli replay), the JVM pinned
# to one core (taskset), with GC logging for the heap. Cases: a 400,000-row univariate file through each detector kind
# (bench/replay-detectors.yaml: z, robust-z, ewma, cusum, seasonal, percentile; and the shipped metric-baseline, also
# with --window 10m), and a 400,000-row x 38-metric file through the shipped metric-baseline. Per run: rows, wall and
# CPU seconds, rows/s on the wall clock, per CPU second, and per CPU second after start-up (less the CPU of replaying
# a file of no rows with the same build and detector), peak heap used and the most still live after a GC (from the GC
# log), peak resident memory. With --baseline-app DIR another build's quarkus-app runs each case just before this
# one, in the same run (before/after); --repeats N runs each case N times, the two builds in turn, and the table at
# the end gives each figure's median.
#   bench/replay.sh [--baseline-app DIR] [--repeats N] [--rows N] [--metrics N] [--cpu N]
#                   [--cases univariate,window,servers] [--kinds z,robust-z,ewma,cusum,seasonal,percentile,metric-baseline]
# SKIP_BUILD=1 skips the build. Figures: the lines starting "FIGURE", and the table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
COMMAND="bench/replay.sh $*"
BASELINE=""
REPEATS=1
ROWS=400000
METRICS=38
CPU=1
CASES=univariate,window,servers
KINDS=z,robust-z,ewma,cusum,seasonal,percentile,metric-baseline
while [ $# -gt 0 ]; do
    case "$1" in
        --baseline-app) BASELINE=$(cd "$2" && pwd); shift 2 ;;
        --repeats) REPEATS=$2; shift 2 ;;
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
if [ ! -f "$DATA/servers/servers.csv" ]; then
    java -cp bench/target/classes dev.vigil.bench.replay.ReplayData --output "$DATA" --univariate "$ROWS" \
        --servers "$ROWS" --metrics "$METRICS"
    mkdir -p "$DATA/univariate" "$DATA/servers"
    mv "$DATA/univariate.csv" "$DATA/univariate/"
    mv "$DATA/servers.csv" "$DATA/servers/"
fi
mkdir -p "$DATA/empty"
head -1 "$DATA/univariate/univariate.csv" > "$DATA/empty/empty.csv"
THIS_APP=$(pwd)/deploy/target/quarkus-app
RUNS=$OUT/runs.tsv
: > "$RUNS"

# replay_main APP: how APP's build starts a replay (one entry point since the cli package, ReplayCli's own before)
replay_main() {
    if unzip -l "$1"/app/*.jar 2>/dev/null | grep -q 'dev/vigil/app/cli/VigilCli.class'; then
        echo "dev.vigil.app.cli.VigilCli replay"
    else
        echo "dev.vigil.app.replay.ReplayCli"
    fi
}

# replay APP LOG ARGS...: one replay as the launcher runs it, pinned to one core; prints "wall cpu rss exit-code"
replay() {
    local app=$1 log=$2
    shift 2
    rm -rf "$OUT/results"
    set +e
    /usr/bin/time -f "%e %U %S %M" -o "$log.time" taskset -c "$CPU" \
        java -Xmx512m "-Xlog:gc:file=$log.gc" -cp "$app/app/*:$app/lib/main/*" $(replay_main "$app") \
        --output "$OUT/results" "$@" > "$log" 2>&1
    local code=$?
    set -e
    tail -1 "$log.time" | awk -v code="$code" '{ printf "%s %.2f %d %d\n", $1, $2 + $3, $4 / 1024, code }'
}

# run CASE BUILD APP ARGS...: the case and, for its start-up, the same replay of a file with no rows; one TSV row
run() {
    local case=$1 build=$2 app=$3
    shift 3
    local log
    log="$OUT/$(echo "$case $build" | tr ' /' '__').log"
    local wall cpu rss code idle_cpu rows heap live status
    read -r wall cpu rss code < <(replay "$app" "$log" "$@")
    read -r _ idle_cpu _ _ < <(replay "$app" "$log.empty" "$@" --input "$DATA/empty")
    rows=$(grep -o 'replay: [0-9,]* rows in' "$log" | tail -1 | tr -dc '0-9' || true)
    read -r heap live < <(grep -o '[0-9]*M->[0-9]*M' "$log.gc" 2>/dev/null \
        | awk -F'M->|M' '{ if ($1 > b) b = $1; if ($2 > a) a = $2 } END { print b + 0, a + 0 }' || echo "0 0")
    if [ "$code" -eq 0 ] && [ -n "$rows" ]; then
        status=ok
    elif grep -q OutOfMemoryError "$log"; then
        status=OutOfMemoryError
        rows=0
    else
        status="failed($code)"
        rows=0
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$build" "$status" "$rows" "$wall" "$cpu" "$idle_cpu" \
        "$heap" "$live" "$rss" >> "$RUNS"
    awk -F'\t' 'END { line($0) } function line(r) { split(r, f, "\t"); if (f[3] != "ok") {
            printf "FIGURE %-40s %-6s %s after %.1f s wall, %.1f s CPU; peak heap %d MB, peak RSS %d MB\n", f[1], f[2], f[3], f[5], f[6], f[8], f[10]
        } else {
            printf "FIGURE %-40s %-6s %d rows, %.1f s wall, %.1f s CPU (%.1f s start-up): %.0f rows/s, %.0f per CPU s, %.0f per CPU s after start-up; peak heap %d MB, live %d MB, peak RSS %d MB\n",
                f[1], f[2], f[4], f[5], f[6], f[7], f[4] / f[5], f[4] / f[6], f[4] / (f[6] - f[7]), f[8], f[9], f[10] } }' "$RUNS"
}

# each CASE ARGS...: the case on the baseline build (when given), then on this one
each() {
    local case=$1
    shift
    if [ -n "$BASELINE" ]; then
        run "$case" before "$BASELINE" "$@"
    fi
    run "$case" after "$THIS_APP" "$@"
}

echo "== replay benchmark: $ROWS rows ($METRICS metrics in the multi-metric file), one core (taskset -c $CPU), java -Xmx512m"
for repeat in $(seq "$REPEATS"); do
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
        run "univariate metric-baseline --window 10m" after "$THIS_APP" --input "$DATA/univariate" \
            --detector metric-baseline --window 10m
    fi
done
if [[ ",$CASES," == *",servers,"* ]]; then
    each "${METRICS} metrics metric-baseline" --input "$DATA/servers" --detector metric-baseline
fi
echo
echo "== medians of $REPEATS run(s) ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $COMMAND)"
printf '%-40s %-6s %10s %8s %8s %9s %12s %14s %9s %9s %8s\n' case build rows wall_s cpu_s rows/s per_cpu_s \
    after_startup heap_MB live_MB rss_MB
sort -t$'\t' -k1,1 -k2,2r -s "$RUNS" | awk -F'\t' '
    function median(list, n,    i, j, t, a) { split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    { key = $1 "\t" $2; if (!(key in n)) order[++keys] = key; n[key]++; status[key] = $3; rows[key] = $4
      wall[key] = wall[key] " " $5; cpu[key] = cpu[key] " " $6; idle[key] = idle[key] " " $7
      rate[key] = rate[key] " " ($5 > 0 && $4 > 0 ? $4 / $5 : 0); cpurate[key] = cpurate[key] " " ($4 > 0 ? $4 / $6 : 0)
      steady[key] = steady[key] " " ($4 > 0 ? $4 / ($6 - $7) : 0)
      heap[key] = heap[key] " " $8; live[key] = live[key] " " $9; rss[key] = rss[key] " " $10 }
    END { for (k = 1; k <= keys; k++) { key = order[k]; split(key, c, "\t"); m = n[key]
        if (status[key] != "ok") { printf "%-40s %-6s %10s %8.1f %8.1f %9s %12s %14s %9d %9s %8d\n", c[1], c[2], status[key],
                median(wall[key], m), median(cpu[key], m), "-", "-", "-", median(heap[key], m), "-", median(rss[key], m); continue }
        printf "%-40s %-6s %10d %8.1f %8.1f %9.0f %12.0f %14.0f %9d %9d %8d\n", c[1], c[2], rows[key], median(wall[key], m),
            median(cpu[key], m), median(rate[key], m), median(cpurate[key], m), median(steady[key], m), median(heap[key], m),
            median(live[key], m), median(rss[key], m) } }'
