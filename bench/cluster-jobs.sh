#!/usr/bin/env bash
# Two instances of the cluster build on one PostgreSQL (bench/README.md, "Cluster jobs"): the alert-budget tuning job,
# scheduled every 5 s here, must run once per firing across both instances, and keep running on the survivor after a
# kill -9 of the other. PostgreSQL comes from the tests' own script (Debian's postgresql package); no broker is needed
# (the sources wait for theirs). Prints the runs per instance before and after the kill.
#   bench/cluster-jobs.sh [--seconds 60]      about 4 minutes with the build
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE=60
[ "${1:-}" = "--seconds" ] && SECONDS_PER_PHASE=$2
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package -pl deploy -am -Dquarkus.profile=cluster
WORK=$(mktemp -d /tmp/vigil-cluster-jobs.XXXX)
chmod 755 "$WORK"
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
deploy/src/test/postgres/test-server.sh start "$WORK/pg" "$PG_PORT" >/dev/null
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    deploy/src/test/postgres/test-server.sh stop "$WORK/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # name http-port
    mkdir -p "$WORK/$1"
    (cd "$WORK/$1" && QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= QUARKUS_HTTP_PORT=$2 \
        QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=cluster-jobs-bench-session-key-0123456789 VIGIL_INSTANCE_ID=$1 \
        VIGIL_TUNING_CRON='0/5 * * * * ?' exec java -Xmx384m -Dquarkus.profile=cluster \
        -jar "$OLDPWD/deploy/target/cluster/quarkus-run.jar" >"$WORK/$1/vigil.log" 2>&1) &
    PIDS+=($!)
}
runs() { grep -c "Alert-budget tuning:" "$WORK/$1/vigil.log" || true; }
ready() { grep -q "vigil-app .* started in" "$WORK/$1/vigil.log"; }

start a 18181
start b 18182
for _ in $(seq 1 120); do ready a && ready b && break; sleep 1; done
ready a && ready b || { echo "the instances did not start: see $WORK/*/vigil.log"; exit 1; }
a0=$(runs a); b0=$(runs b)
sleep "$SECONDS_PER_PHASE"
a1=$(runs a); b1=$(runs b)
kill -9 "${PIDS[0]}"
sleep "$SECONDS_PER_PHASE"
b2=$(runs b)
expected=$((SECONDS_PER_PHASE / 5))
echo "RESULT both up ${SECONDS_PER_PHASE}s: a ran $((a1 - a0)), b ran $((b1 - b0)), together $((a1 - a0 + b1 - b0)) (firings: ~$expected)"
echo "RESULT after kill -9 of a, ${SECONDS_PER_PHASE}s: b ran $((b2 - b1)) (firings: ~$expected)"
echo "logs: $WORK/a/vigil.log $WORK/b/vigil.log"
