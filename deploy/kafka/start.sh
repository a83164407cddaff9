#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker from the Maven-fetched jars, in the background, and
# waits until a client can describe the cluster. Does nothing if the port already answers.
#   KAFKA_PORT (9092)  KAFKA_CONTROLLER_PORT (9093)  KAFKA_DATA_DIR (<repo>/.local/kafka)
#   KAFKA_HEAP (512m)  KAFKA_START_TIMEOUT seconds (90)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
data="${KAFKA_DATA_DIR:-$repo/.local/kafka}"
timeout="${KAFKA_START_TIMEOUT:-90}"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "kafka: something already listens on 127.0.0.1:$port; using it" >&2
  exit 0
fi

"$here/fetch.sh"
mkdir -p "$data"
sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" -e "s#@DATA_DIR@#$data#g" \
  "$here/server.properties.template" > "$data/server.properties"

java_opts=(-Xms"${KAFKA_HEAP:-512m}" -Xmx"${KAFKA_HEAP:-512m}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -Djava.awt.headless=true -Dkafka.logs.dir="$data/logs" -Dlog4j.configuration="file:$here/log4j.properties"
  -cp "$here/lib/*")

if [[ ! -f "$data/log/meta.properties" ]]; then
  cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid)"
  java "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$data/server.properties" --ignore-formatted >/dev/null
fi

nohup java "${java_opts[@]}" kafka.Kafka "$data/server.properties" > "$data/broker.log" 2>&1 &
echo $! > "$data/broker.pid"

node "$here/wait-ready.js" "127.0.0.1:$port" "$timeout" || {
  echo "kafka: broker did not become ready in ${timeout}s; last lines of $data/broker.log:" >&2
  tail -n 30 "$data/broker.log" >&2
  exit 1
}
echo "kafka: broker ready on 127.0.0.1:$port (pid $(cat "$data/broker.pid"), data $data)" >&2
