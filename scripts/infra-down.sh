#!/usr/bin/env bash
# npm run infra:down: stops the local Kafka broker started by infra:up (KAFKA_WIPE=1 also deletes
# its data). PostgreSQL and Redis are left running: they belong to the machine, not to this repo.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/deploy/kafka/stop.sh"
