#!/usr/bin/env bash
# The build copies each service's SQL migrations next to its compiled code (dist/services/<name>/migrations).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for dir in services/*/migrations; do
  mkdir -p "dist/$dir"
  cp "$dir"/*.sql "dist/$dir/"
done
