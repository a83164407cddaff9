#!/usr/bin/env bash
# npm run infra:up: starts whatever is missing of PostgreSQL, Redis and Kafka on their default local
# ports and leaves them running, so repeated `npm test` or bench runs skip the ~15 s Kafka start.
# `npm run infra:down` stops the Kafka broker again (PostgreSQL and Redis are the machine's own).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/ensure-postgres.sh userops userops_test
bash scripts/ensure-redis.sh
bash deploy/kafka/start.sh
