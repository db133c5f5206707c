#!/usr/bin/env bash
# A streaming replica of a PostgreSQL server on this machine, for READ_DATABASE_URL (docs/deploy.md):
#
#   scripts/replica.sh replica <primary host:port> <data dir> <port>
#       pg_basebackup of the primary into <data dir> (-R: standby.signal and primary_conninfo),
#       then the replica started on 127.0.0.1:<port>, replaying the primary's WAL as it streams.
#   scripts/replica.sh primary <data dir> <port>
#       a throwaway primary (initdb, trust on loopback) on 127.0.0.1:<port>: for tests and trials,
#       never for a real network.
#   scripts/replica.sh start|stop <data dir>
#
# Neither touches the machine's own clusters: each cluster lives in its own data dir, its socket
# in that dir. Run as root, the PostgreSQL programs run as the `postgres` user (runuser).
# PG_BIN names the programs' directory (default: `pg_config --bindir`); REPLICATION_USER the role
# pg_basebackup and the replica connect as (default postgres; it needs REPLICATION and a
# `host replication` line in the primary's pg_hba.conf).
set -euo pipefail

PG_BIN="${PG_BIN:-}"
if [[ -z "$PG_BIN" ]]; then
  if command -v pg_config >/dev/null; then
    PG_BIN="$(pg_config --bindir)"
  else
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  fi
fi
[[ -x "$PG_BIN/pg_ctl" ]] || { echo "replica.sh: no PostgreSQL programs in '$PG_BIN' (set PG_BIN)" >&2; exit 2; }
REPLICATION_USER="${REPLICATION_USER:-postgres}"

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A new, empty directory the cluster's user owns.
new_dir() {
  local dir="$1"
  mkdir -p "$dir"
  if [[ -n "$(ls -A "$dir")" ]]; then echo "replica.sh: $dir is not empty" >&2; exit 2; fi
  chmod 700 "$dir"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; fi
}

start() {
  local dir="$1"
  as_postgres "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
}

usage() {
  sed -n '2,17p' "$0" >&2
  exit 2
}

command="${1:-}"
case "$command" in
  primary)
    [[ $# == 3 ]] || usage
    dir="$2" port="$3"
    new_dir "$dir"
    as_postgres "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust --no-sync -E UTF8 \
      --locale=C.UTF-8 >/dev/null
    # initdb's pg_hba.conf already trusts loopback replication connections.
    cat >>"$dir/postgresql.auto.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 5
fsync = off
EOF
    start "$dir"
    echo "primary on 127.0.0.1:$port ($dir)"
    ;;
  replica)
    [[ $# == 4 ]] || usage
    primary="$2" dir="$3" port="$4"
    new_dir "$dir"
    as_postgres "$PG_BIN/pg_basebackup" -h "${primary%:*}" -p "${primary##*:}" -U "$REPLICATION_USER" \
      -D "$dir" -X stream -R -c fast --no-sync
    # The primary's settings came with the copy: this cluster's own address and socket.
    cat >>"$dir/postgresql.auto.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
hot_standby = on
EOF
    start "$dir"
    echo "replica of $primary on 127.0.0.1:$port ($dir)"
    ;;
  start)
    [[ $# == 2 ]] || usage
    start "$2"
    ;;
  stop)
    [[ $# == 2 ]] || usage
    as_postgres "$PG_BIN/pg_ctl" -D "$2" -m fast -w stop >/dev/null
    ;;
  *) usage ;;
esac
