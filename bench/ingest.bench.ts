import { join } from 'node:path';
import autocannon from 'autocannon';
import { Topics } from '@userops/contracts';
import { createKafka } from '@userops/messaging';
import { CompressionTypes, type Producer } from 'kafkajs';
import { serviceTestEnv, startServiceProcess, uniqueName } from '@userops/testing';
import { ensureInfrastructure, releaseInfrastructure } from '../libs/testing/src/infra/ensure-infrastructure';
import { summarise, writeBenchResult } from './bench-result';

// npm run bench -- ingest [seconds=15] [connections=8]
// Events/s through ingest's /v1/batch (100 events a request, autocannon) against a raw kafkajs
// producer sending the same events, acks=all and idempotent, to the same broker: what a team could
// do without userops. Runs are interleaved after a warm-up; each side gets `runs` windows.

const eventsPerBatch = 100;
const runs = 3;

function trackEvent(i: number, runId: string) {
  return {
    type: 'track',
    userId: `user-${i % 5000}`,
    event: i % 10 === 0 ? 'Order Completed' : 'Product Viewed',
    messageId: `${runId}-${i}`,
    timestamp: new Date().toISOString(),
    properties: {
      productId: `p-${i % 300}`,
      price: 19.99,
      currency: 'EUR',
      revenue: i % 10 === 0 ? 42 : undefined,
    },
    context: { library: { name: 'bench', version: '1' }, ip: '10.0.0.1' },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runIngest(url: string, writeKey: string, seconds: number, connections: number) {
  const runId = uniqueName('i');
  let counter = 0;
  const body = () =>
    JSON.stringify({
      batch: Array.from({ length: eventsPerBatch }, () => trackEvent((counter += 1), runId)),
    });
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    },
    requests: [
      { method: 'POST', path: '/v1/batch', setupRequest: (request) => ({ ...request, body: body() }) },
    ],
  });
  const ok = result['2xx'];
  return {
    eventsPerSecond: (ok * eventsPerBatch) / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function runRaw(producer: Producer, topic: string, seconds: number, connections: number) {
  const runId = uniqueName('r');
  let counter = 0;
  let sent = 0;
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const lane = async () => {
    while (Date.now() < deadline) {
      const messages = Array.from({ length: eventsPerBatch }, () => {
        const event = trackEvent((counter += 1), runId);
        return { key: event.userId, value: JSON.stringify(event) };
      });
      const started = performance.now();
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
      latencies.push(performance.now() - started);
      sent += messages.length;
    }
  };
  await Promise.all(Array.from({ length: connections }, lane));
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: sent / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non2xx: 0,
    errors: 0,
  };
}

export async function main(args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 15);
  const connections = Number(args[1] ?? 8);
  const started = await ensureInfrastructure((line) => process.stderr.write(`${line}\n`));
  const topicPrefix = `${uniqueName('bench')}.`;
  const writeKey = uniqueName('bench-key');
  const ingest = await startServiceProcess(
    join(__dirname, '../services/ingest/src/main.ts'),
    serviceTestEnv('ingest', {
      KAFKA_TOPIC_PREFIX: topicPrefix,
      INGEST_BOOTSTRAP_WRITE_KEY: writeKey,
      INGEST_RATE_LIMIT_PER_SECOND: '0',
    }),
  );
  const kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: 'bench-raw',
  });
  const rawTopic = `${topicPrefix}raw.${Topics.events}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: rawTopic, numPartitions: 6 }], waitForLeaders: true });
  await admin.disconnect();
  // The peer: kafkajs as its docs show it, with the same guarantees (idempotent, acks=all).
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    process.stderr.write('warm-up...\n');
    await runIngest(ingest.url, writeKey, 3, connections);
    await runRaw(producer, rawTopic, 3, connections);
    const ours = [];
    const peer = [];
    for (let run = 1; run <= runs; run += 1) {
      process.stderr.write(`run ${run}/${runs}: ingest, then raw kafkajs, ${seconds} s each\n`);
      ours.push(await runIngest(ingest.url, writeKey, seconds, connections));
      peer.push(await runRaw(producer, rawTopic, seconds, connections));
    }
    const oursRate = summarise(ours.map((r) => r.eventsPerSecond));
    const peerRate = summarise(peer.map((r) => r.eventsPerSecond));
    writeBenchResult('ingest', {
      name: 'ingest.batch-throughput',
      params: { seconds, connections, eventsPerBatch, runs, partitions: 6, acks: 'all', idempotent: true },
      unit: 'events/s',
      ours: {
        ...oursRate,
        p50Ms: summarise(ours.map((r) => r.p50Ms)).median,
        p99Ms: summarise(ours.map((r) => r.p99Ms)).median,
        non2xx: ours.reduce((n, r) => n + r.non2xx, 0),
        errors: ours.reduce((n, r) => n + r.errors, 0),
      },
      peers: {
        'kafkajs-raw-producer': {
          ...peerRate,
          p50Ms: summarise(peer.map((r) => r.p50Ms)).median,
          p99Ms: summarise(peer.map((r) => r.p99Ms)).median,
        },
      },
      ratio: { 'ours/peer': oursRate.median / peerRate.median },
      target: { 'ours/peer': 0.6 },
    });
  } finally {
    await producer.disconnect();
    await ingest.stop();
    await releaseInfrastructure(started);
  }
}
