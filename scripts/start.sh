#!/usr/bin/env bash
# npm start: the local stack without Docker. Starts what is missing of PostgreSQL, Redis and Kafka,
# then the four services (each runs its migrations and provisions its topics on start), prints
# their URLs and, once all are ready, runs the demo. Ctrl-C stops what this script started.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
logs="$repo/.local/logs"
mkdir -p "$logs"

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/userops}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export KAFKAJS_NO_PARTITIONER_WARNING=1
# Local-only credentials (never use these in production): a write key for the demo and SDKs
# pointed at this stack, and the admin API token.
export INGEST_BOOTSTRAP_WRITE_KEY="${INGEST_BOOTSTRAP_WRITE_KEY:-local-demo-write-key}"
export INGEST_ADMIN_TOKEN="${INGEST_ADMIN_TOKEN:-local-admin-token-change-me}"
export SEGMENTATION_ADMIN_TOKEN="${SEGMENTATION_ADMIN_TOKEN:-$INGEST_ADMIN_TOKEN}"
export INSIGHT_ADMIN_TOKEN="${INSIGHT_ADMIN_TOKEN:-$INGEST_ADMIN_TOKEN}"
export INTERACTION_ADMIN_TOKEN="${INTERACTION_ADMIN_TOKEN:-$INGEST_ADMIN_TOKEN}"

started_kafka=0
pids=()
cleanup() {
  local signal="${1:-EXIT}"
  trap - INT TERM EXIT
  echo >&2
  echo "stopping services..." >&2
  # Ctrl-C already reached the services (same process group): a second signal would make them
  # exit at once, so give them time to stop cleanly first.
  if [[ "$signal" == INT ]]; then
    for _ in $(seq 1 40); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [[ $alive == 0 ]] && break
      sleep 0.25
    done
  fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $started_kafka == 1 ]]; then bash deploy/kafka/stop.sh; fi
}
trap 'cleanup INT' INT
trap 'cleanup TERM' TERM
trap 'cleanup EXIT' EXIT

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

if [[ "$DATABASE_URL" == postgres://postgres@127.0.0.1:5432/* ]]; then
  bash scripts/ensure-postgres.sh "${DATABASE_URL##*/}"
fi
if [[ "$REDIS_URL" == redis://127.0.0.1:6379* ]]; then
  bash scripts/ensure-redis.sh
fi
if [[ "$KAFKA_BROKERS" == 127.0.0.1:9092 ]] && ! answers 127.0.0.1 9092; then
  bash deploy/kafka/start.sh
  started_kafka=1
fi

declare -A ports=([ingest]=3000 [segmentation]=3001 [insight]=3002 [interaction]=3003)
for service in ingest segmentation insight interaction; do
  PORT="${ports[$service]}" node -r @swc-node/register "services/$service/src/main.ts" >"$logs/$service.log" 2>&1 &
  pids+=($!)
done

for service in ingest segmentation insight interaction; do
  url="http://127.0.0.1:${ports[$service]}"
  for _ in $(seq 1 240); do
    curl -fsS "$url/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! curl -fsS "$url/readyz" >/dev/null 2>&1; then
    echo "$service did not become ready; last lines of $logs/$service.log:" >&2
    tail -n 30 "$logs/$service.log" >&2
    exit 1
  fi
done

cat <<MSG

userops is running (logs in .local/logs/):
  ingest        http://127.0.0.1:3000   docs http://127.0.0.1:3000/docs
  segmentation  http://127.0.0.1:3001   docs http://127.0.0.1:3001/docs
  insight       http://127.0.0.1:3002   docs http://127.0.0.1:3002/docs
  interaction   http://127.0.0.1:3003   docs http://127.0.0.1:3003/docs
  each also serves /healthz, /readyz and /metrics
  write key (local):  $INGEST_BOOTSTRAP_WRITE_KEY   e.g. new Analytics({ writeKey, host: 'http://127.0.0.1:3000' })
  admin token (local, all four admin APIs): $INGEST_ADMIN_TOKEN
  Kafka $KAFKA_BROKERS · PostgreSQL $DATABASE_URL · Redis $REDIS_URL

MSG
if [[ -f scripts/demo.sh && "${USEROPS_NO_DEMO:-0}" != 1 ]]; then bash scripts/demo.sh || echo "demo failed (services keep running)" >&2; fi
echo "Ctrl-C stops what this script started." >&2
while true; do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "a service exited (pid $pid); see .local/logs/" >&2
      exit 1
    fi
  done
  sleep 1
done
