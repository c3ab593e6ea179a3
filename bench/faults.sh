#!/usr/bin/env bash
# Fault scenarios against the packaged application (bench/README.md, "Faults"): Vigil as a child process
# (deploy/target/quarkus-app), Debian's mosquitto as its broker (installed here when missing), faults injected from
# outside, and per phase the readings published vs taken in (vigil_ingest_events_total) vs scored (the score history).
#   bench/faults.sh [--phases mqtt-broker-restart,crash-mid-window] [--rate 200] [--devices 20] [--duration 120] [--restarts 2]
#                   [--outage 5] [--app DIR] [--work DIR]
# About 4 minutes per phase. Exit code 1 when a phase lost readings (a line "RESULT ... <-- LOST").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/sbin/mosquitto ]; then
    echo "mosquitto is missing: installing Debian's package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto >/dev/null
fi
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package -pl deploy,bench -am
# the brokers' client libraries are the packaged app's own; SLF4J finds no provider here and stays quiet
java -Xmx1g -cp "bench/target/classes:deploy/target/quarkus-app/lib/main/*" dev.vigil.bench.e2e.FaultScenarios "$@"
