// Waits until a Kafka broker answers describeCluster. Usage: node wait-ready.js HOST:PORT SECONDS
'use strict';
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const [broker = '127.0.0.1:9092', seconds = '60'] = process.argv.slice(2);
  const deadline = Date.now() + Number(seconds) * 1000;
  const kafka = new Kafka({ brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      return 0;
    } catch {
      await admin.disconnect().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return 1;
}

main().then((code) => process.exit(code));
