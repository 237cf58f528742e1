#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests, on loopback, and export its URL.
#
#   source .ci/postgres.sh      # sets ONRECORD_TEST_POSTGRES and stops the server when the shell exits
#
# Installs Debian's postgresql package when no server binaries are present (needs root and apt).  The cluster
# lives in a temporary folder owned by the postgres user (initdb refuses to run as root), listens on 127.0.0.1 on a
# free port only (no Unix socket in /run), trusts local connections, and is UTF8 with the C.UTF-8 locale so text
# sorts by code point as in SQLite.  fsync is off (test data) unless ONRECORD_PG_FSYNC=on.  Set ONRECORD_PG_KEEP=1
# to leave it running.

onrecord_pg_start() {
    local bindir initdb
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    local run=()
    ONRECORD_PG_DIR=$(mktemp -d /tmp/onrecord-pg.XXXXXX)
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$ONRECORD_PG_DIR"
        run=(runuser -u postgres --)
    fi
    local port durability="-c fsync=off"  # throw-away test data; ONRECORD_PG_FSYNC=on for benchmarks
    [ "${ONRECORD_PG_FSYNC:-off}" = on ] && durability=""
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${run[@]}" "$bindir/initdb" -D "$ONRECORD_PG_DIR/data" -U onrecord --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$ONRECORD_PG_DIR/initdb.log" 2>&1 || { cat "$ONRECORD_PG_DIR/initdb.log" >&2; return 1; }
    "${run[@]}" "$bindir/pg_ctl" -D "$ONRECORD_PG_DIR/data" -l "$ONRECORD_PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $ONRECORD_PG_DIR $durability" start >&2 \
        || { cat "$ONRECORD_PG_DIR/server.log" >&2; return 1; }
    ONRECORD_PG_BIN=$bindir
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U onrecord onrecord_test
    # unaccent ships with the server package (contrib); created once here so every test schema can use it.
    "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U onrecord -d onrecord_test -c "CREATE EXTENSION IF NOT EXISTS unaccent"
    export ONRECORD_TEST_POSTGRES="postgresql://onrecord@127.0.0.1:$port/onrecord_test"
    echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $ONRECORD_TEST_POSTGRES" >&2
}

onrecord_pg_stop() {
    [ -n "${ONRECORD_PG_DIR:-}" ] || return 0
    [ "${ONRECORD_PG_KEEP:-}" = 1 ] && return 0
    local run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$ONRECORD_PG_BIN/pg_ctl" -D "$ONRECORD_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$ONRECORD_PG_DIR"
}

onrecord_pg_start
trap onrecord_pg_stop EXIT
