#!/usr/bin/env bash
# Fetches the Kafka broker jars (version in pom.xml) from Maven Central into deploy/kafka/lib.
# Idempotent: a complete lib/ (marked by .complete) is left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/lib"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
if [[ -f "$lib/.complete" && "$(cat "$lib/.complete")" == "$version" ]]; then
  exit 0
fi
command -v mvn >/dev/null || { echo "deploy/kafka: Maven (mvn) is needed to fetch the Kafka $version jars; install it (apt-get install maven) or set KAFKA_BROKERS to a running broker." >&2; exit 1; }
command -v java >/dev/null || { echo "deploy/kafka: Java 17+ is needed to run the Kafka broker; install a JDK or set KAFKA_BROKERS." >&2; exit 1; }
echo "deploy/kafka: fetching Apache Kafka $version jars from Maven Central..." >&2
rm -rf "$lib"
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies
echo "$version" > "$lib/.complete"
