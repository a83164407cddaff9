#!/usr/bin/env bash
# Stops the broker that start.sh started (by its pid file), waiting for a clean shutdown.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${KAFKA_DATA_DIR:-$repo/.local/kafka}"
pid_file="$data/broker.pid"
[[ -f "$pid_file" ]] || { [[ "${KAFKA_WIPE:-0}" == "1" ]] && rm -rf "$data"; exit 0; }
pid="$(cat "$pid_file")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
fi
rm -f "$pid_file"
# Test brokers (KAFKA_WIPE=1) leave no topics behind for the next run.
if [[ "${KAFKA_WIPE:-0}" == "1" ]]; then rm -rf "$data"; fi
echo "kafka: broker stopped" >&2
