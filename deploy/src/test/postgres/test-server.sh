#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from the machine's own PostgreSQL (Debian's postgresql package):
#   test-server.sh start DIR PORT   init a cluster in DIR/data (user postgres, trust, no fsync), listen on 127.0.0.1:PORT
#   test-server.sh stop DIR         stop it (the folder stays for a look; it lives under target/)
#   test-server.sh halt DIR         stop it as an outage does, keeping the cluster for resume
#   test-server.sh resume DIR PORT  start a halted cluster again on the same port
#   test-server.sh check            whether the server binaries are here (exit 0) or not (exit 3)
# Installs nothing: exit code 3, with the reason, when the server binaries are missing, so the test can skip.
# initdb refuses to run as root: as root the cluster belongs to the user postgres (created by the package).
set -euo pipefail

find_bin() {
    if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
        echo "$PG_BIN"
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$newest" ] && [ -x "$newest/initdb" ] && [ -x "$newest/pg_ctl" ]; then
        echo "$newest"
        return
    fi
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
        return
    fi
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql package" \
         "(apt-get install postgresql) or set PG_BIN" >&2
    exit 3
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

command=${1:-}
dir=${2:-}
usage="usage: $0 start DIR PORT | stop DIR | halt DIR | resume DIR PORT | check"
# initdb refuses root: as root the cluster belongs to the user postgres, who must exist.
require_owner() {
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "running as root, but there is no user postgres to own the cluster (initdb refuses root)" >&2
        exit 3
    fi
}

if [ "$command" = check ]; then
    find_bin >/dev/null
    require_owner
    exit 0
fi
[ -n "$command" ] && [ -n "$dir" ] || { echo "$usage" >&2; exit 2; }
bin=$(find_bin)

# Where the cluster lives: DIR itself, or (as root, when the user postgres cannot reach DIR, e.g. a checkout under a
# private home folder) a fresh folder under /tmp named in DIR/cluster-location.
cluster_dir() {
    if [ -f "$dir/cluster-location" ]; then
        cat "$dir/cluster-location"
    else
        echo "$dir"
    fi
}

# Runs the server of the cluster in $1 on 127.0.0.1:$2 (its socket in $1) and waits until it takes connections.
serve() {
    as_owner "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
        -o "-p $2 -c listen_addresses=127.0.0.1 -k $1 -c fsync=off -c full_page_writes=off" start >/dev/null \
        || { cat "$1/server.log" >&2; exit 1; }
}

case "$command" in
    start)
        port=${3:?start needs a port}
        require_owner
        mkdir -p "$dir"
        dir=$(cd "$dir" && pwd) # the server runs elsewhere: its socket folder must be absolute
        cluster=$dir
        if [ "$(id -u)" = 0 ]; then
            chown postgres "$dir"
            if ! runuser -u postgres -- test -w "$dir"; then
                cluster=$(mktemp -d /tmp/vigil-postgres-XXXXXX)
                chown postgres "$cluster"
                echo "$cluster" >"$dir/cluster-location"
            fi
        fi
        as_owner "$bin/initdb" -D "$cluster/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        serve "$cluster" "$port"
        echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, data in $cluster/data"
        ;;
    halt)
        as_owner "$bin/pg_ctl" -D "$(cluster_dir)/data" -m fast -w stop >/dev/null
        ;;
    resume)
        serve "$(cluster_dir)" "${3:?resume needs the port}"
        ;;
    stop)
        cluster=$(cluster_dir)
        if as_owner "$bin/pg_ctl" -D "$cluster/data" status >/dev/null; then # a halted one is stopped already
            as_owner "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null
        fi
        if [ "$cluster" != "$dir" ]; then
            rm -rf "$cluster" "$dir/cluster-location"
        fi
        ;;
    *)
        echo "$usage" >&2
        exit 2
        ;;
esac
