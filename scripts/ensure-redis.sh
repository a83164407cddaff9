#!/usr/bin/env bash
# Makes sure a Redis answers on 127.0.0.1:6379, starting the machine's redis-server if needed
# (in-memory only: the tests and the local stack need no persistence).
set -euo pipefail
host=127.0.0.1 port="${REDIS_PORT:-6379}"
answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
if ! answers; then
  command -v redis-server >/dev/null || { echo "redis: nothing answers on $host:$port and redis-server is not installed. Install it (apt-get install redis-server) or set REDIS_URL." >&2; exit 1; }
  echo "redis: starting redis-server on $host:$port" >&2
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 40); do answers && break; sleep 0.25; done
  answers || { echo "redis: redis-server did not come up; see /var/log/redis/ci.log" >&2; exit 1; }
fi
echo "redis: up on $host:$port" >&2
