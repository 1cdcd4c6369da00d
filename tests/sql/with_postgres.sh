#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on localhost: installs
# PostgreSQL from Debian's packages if it is not there, creates a cluster in
# a temporary directory (UTF-8, LC_CTYPE C.UTF-8, so `lower()` folds all of
# Unicode), starts it on $ICPC_PG_PORT (54329), runs the command with
# ICPC_POSTGRES_DSN set, and stops and removes the cluster afterwards.
# Usage: tests/sql/with_postgres.sh COMMAND [ARGS...]
set -euo pipefail
port=${ICPC_PG_PORT:-54329}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

# initdb refuses to run as root: run the server as `postgres` then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data=$(mktemp -d /tmp/icpc-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres "$data"; fi
cleanup() {
  as_owner "$bin/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

as_owner "$bin/initdb" -D "$data/db" -U icpc --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >/dev/null
as_owner "$bin/pg_ctl" -D "$data/db" -l "$data/log" -w \
  -o "-p $port -k $data -c listen_addresses=localhost -c jit=off -c fsync=off" start >/dev/null
as_owner "$bin/createdb" -h localhost -p "$port" -U icpc --template=template0 \
  --encoding=UTF8 --lc-ctype=C.UTF-8 --lc-collate=C.UTF-8 icpc

export ICPC_POSTGRES_DSN="host=localhost port=$port user=icpc dbname=icpc"
"$@"
