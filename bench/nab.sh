#!/usr/bin/env bash
# The NAB benchmark: replays all 58 series of the Numenta Anomaly Benchmark through a Vigil detector (default: the
# detector Vigil ships for metrics) with ./vigil replay --format nab, then scores the results with the project's NAB
# scorer (bench/src/main/java/dev/vigil/bench/nab): standard, reward_low_FP_rate and reward_low_FN_rate, with the
# threshold optimised as NAB does and at Vigil's own decision boundary (0.5), overall and per category; then the
# alerts Vigil would have sent (after N-of-M confirmation), scored as NAB detections.
#   bench/nab.sh [DETECTOR]        NAB=path/to/nab (default ../shared/datasets/nab) CONFIG=detectors.yaml (optional)
set -euo pipefail
cd "$(dirname "$0")/.."
DETECTOR=${1:-metric-baseline}
NAB=${NAB:-../shared/datasets/nab}
OUT=bench/target/nab
./mvnw -B -q -DskipTests package -pl deploy,bench -am
rm -rf "$OUT/results"
mkdir -p "$OUT"
./vigil replay --input "$NAB/data" --output "$OUT/results" --format nab --detector "$DETECTOR" \
    --labels "$NAB/labels/combined_windows.json" ${CONFIG:+--config "$CONFIG"}
# the alerts themselves, after N-of-M confirmation and the lifecycle: what operators would have been told
./vigil replay --input "$NAB/data" --output "$OUT/results" --format nab --detector "$DETECTOR" --nab-score alert \
    --labels "$NAB/labels/combined_windows.json" ${CONFIG:+--config "$CONFIG"}
echo "$(nproc) cores; $0 $*"
echo "== scores (threshold optimised by NAB, and at Vigil's decision boundary 0.5)"
java -cp bench/target/benchmarks.jar dev.vigil.bench.nab.NabScore --nab "$NAB" --results "$OUT/results" \
    --detector "$DETECTOR" --threshold 0.5 --json "$OUT/$DETECTOR-scores.json"
echo "== alerts (1 where an alert fired), as NAB detections"
java -cp bench/target/benchmarks.jar dev.vigil.bench.nab.NabScore --nab "$NAB" --results "$OUT/results" \
    --detector "$DETECTOR-alerts" --threshold 0.5 --json "$OUT/$DETECTOR-alerts-scores.json"
