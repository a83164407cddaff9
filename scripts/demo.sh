#!/usr/bin/env bash
# The demo npm start runs once the services are ready: a product backend's events go in through
# ingest (as Segment's SDKs send them), and insight reads what the users wrote.
set -euo pipefail
ingest="${INGEST_URL:-http://127.0.0.1:3000}"
insight="${INSIGHT_URL:-http://127.0.0.1:3002}"
auth="Authorization: Basic $(printf '%s:' "${INGEST_BOOTSTRAP_WRITE_KEY:-local-demo-write-key}" | base64)"
now="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
run="demo-$(date +%s)"

echo "demo: sending a batch of 6 calls to $ingest/v1/batch (one of them invalid on purpose)"
curl -sS -X POST "$ingest/v1/batch" -H "$auth" -H 'content-type: application/json' -d @- <<JSON
{"batch": [
  {"type": "identify", "userId": "ada", "traits": {"plan": "pro", "country": "NL", "createdAt": "2026-01-10T09:00:00Z"}, "messageId": "$run-1"},
  {"type": "track", "userId": "ada", "event": "Order Completed", "properties": {"revenue": 129.0, "currency": "EUR"}, "timestamp": "$now", "messageId": "$run-2"},
  {"type": "track", "userId": "ada", "event": "Review Submitted", "properties": {"text": "Love the new dashboard, fast and easy to use!", "rating": 5}, "messageId": "$run-3"},
  {"type": "page", "userId": "bob", "name": "Pricing", "messageId": "$run-4"},
  {"type": "track", "userId": "bob", "event": "Support Ticket Created", "properties": {"text": "The app crashes every time I export, and it is far too expensive. I want a refund."}, "messageId": "$run-5"},
  {"type": "track", "userId": "bob", "messageId": "$run-6"}
]}
JSON
echo
echo
echo "demo: waiting for insight to analyse what ada and bob wrote..."
for user in ada bob; do
  for _ in $(seq 1 40); do
    body="$(curl -sS "$insight/v1/users/$user/insights" || true)"
    [[ "$body" == *'"sentiment"'* ]] && break
    sleep 0.5
  done
  echo "insight for $user: $body" | cut -c1-400
done
echo
echo "demo: ingest's counters (from $ingest/metrics):"
curl -sS "$ingest/metrics" | grep '^userops_ingest_events_total' || true
echo
