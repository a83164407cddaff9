#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL answers on 127.0.0.1:5432 (starting its cluster if it is
# installed but stopped) and that each database named as an argument exists.
#   usage: scripts/ensure-postgres.sh [DBNAME ...]      (trust auth as user postgres)
set -euo pipefail
host=127.0.0.1 port="${PGPORT:-5432}"
answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
if ! answers; then
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "postgres: starting cluster $version/main" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  fi
  answers || { echo "postgres: nothing answers on $host:$port and no local cluster could be started. Install PostgreSQL (apt-get install postgresql) or set DATABASE_URL." >&2; exit 1; }
fi
echo "postgres: up on $host:$port" >&2
for db in "$@"; do
  exists="$(psql -h "$host" -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$db'")"
  if [[ "$exists" != "1" ]]; then
    psql -h "$host" -p "$port" -U postgres -d postgres -qc "create database \"$db\"" >/dev/null
    echo "postgres: created database $db" >&2
  fi
done
