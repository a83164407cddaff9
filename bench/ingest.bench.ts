import { join } from 'node:path';
import autocannon from 'autocannon';
import { Topics } from '@userops/contracts';
import { createKafka } from '@userops/messaging';
import { CompressionTypes, type Producer } from 'kafkajs';
import { type ServiceProcess, serviceTestEnv, startServiceProcess, uniqueName } from '@userops/testing';
import { ensureInfrastructure, releaseInfrastructure } from '../libs/testing/src/infra/ensure-infrastructure';
import { type BenchResult, summarise, writeBenchResult } from './bench-result';

// npm run bench -- ingest [seconds=15] [connections=8] [replicas=2]
// Events/s through ingest's /v1/batch (100 events a request, autocannon) against a raw kafkajs
// producer sending the same events, acks=all and idempotent, to the same broker: what a team could
// do without userops. Runs are interleaved after a warm-up; each side gets `runs` windows.
// Ingest is measured as one process and as `replicas` processes sharing Redis, Postgres and the
// topic (how SREs scale it; autocannon spreads its connections over them): the first result is
// the single process against the single raw producer, the second the replicas against it.

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

async function runIngest(urls: string[], writeKey: string, seconds: number, connections: number) {
  const runId = uniqueName('i');
  let counter = 0;
  const body = () =>
    JSON.stringify({
      batch: Array.from({ length: eventsPerBatch }, () => trackEvent((counter += 1), runId)),
    });
  const result = await autocannon({
    // autocannon spreads connections over several URLs (its README); its types allow only one.
    url: urls as unknown as string,
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

async function runRaw(
  producer: Producer,
  topic: string,
  seconds: number,
  connections: number,
): Promise<MeasuredWindow> {
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

interface MeasuredWindow {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function throughputOf(windows: MeasuredWindow[]) {
  return {
    ...summarise(windows.map((r) => r.eventsPerSecond)),
    p50Ms: summarise(windows.map((r) => r.p50Ms)).median,
    p99Ms: summarise(windows.map((r) => r.p99Ms)).median,
    non2xx: windows.reduce((n, r) => n + r.non2xx, 0),
    errors: windows.reduce((n, r) => n + r.errors, 0),
  };
}

export async function main(args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 15);
  const connections = Number(args[1] ?? 8);
  const replicas = Number(args[2] ?? 2);
  const started = await ensureInfrastructure((line) => process.stderr.write(`${line}\n`));
  const topicPrefix = `${uniqueName('bench')}.`;
  const writeKey = uniqueName('bench-key');
  // Replicas share one schema (one source table) as deployed replicas share one database; they
  // start one after another so only the first creates the bootstrap source.
  const env = serviceTestEnv('ingest', {
    KAFKA_TOPIC_PREFIX: topicPrefix,
    INGEST_BOOTSTRAP_WRITE_KEY: writeKey,
    INGEST_RATE_LIMIT_PER_SECOND: '0',
    // Each run claims millions of messageIds; a window of minutes (same cost per claim as the
    // default 24 h) keeps the marks from piling up in the test Redis across runs.
    INGEST_DEDUPE_WINDOW_SECONDS: '600',
  });
  const instances: ServiceProcess[] = [];
  const kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: 'bench-raw',
  });
  // The peer: kafkajs as its docs show it, with the same guarantees (idempotent, acks=all).
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    for (let i = 0; i < Math.max(1, replicas); i += 1)
      instances.push(await startServiceProcess(join(__dirname, '../services/ingest/src/main.ts'), env));
    const one = [instances[0]!.url];
    const all = instances.map((instance) => instance.url);
    const rawTopic = `${topicPrefix}raw.${Topics.events}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: rawTopic, numPartitions: 6 }], waitForLeaders: true });
    await admin.disconnect();
    await producer.connect();

    process.stderr.write('warm-up...\n');
    await runIngest(all, writeKey, 3, connections);
    await runRaw(producer, rawTopic, 3, connections);
    const single: MeasuredWindow[] = [];
    const scaled: MeasuredWindow[] = [];
    const peer: MeasuredWindow[] = [];
    for (let run = 1; run <= runs; run += 1) {
      process.stderr.write(
        `run ${run}/${runs}: ingest x1, ingest x${all.length}, raw kafkajs, ${seconds} s each\n`,
      );
      single.push(await runIngest(one, writeKey, seconds, connections));
      if (all.length > 1) scaled.push(await runIngest(all, writeKey, seconds, connections));
      peer.push(await runRaw(producer, rawTopic, seconds, connections));
    }
    const peerThroughput = throughputOf(peer);
    const params = {
      seconds,
      connections,
      eventsPerBatch,
      runs,
      partitions: 6,
      acks: 'all',
      idempotent: true,
    };
    const resultFor = (name: string, windows: MeasuredWindow[], replicaCount: number): BenchResult => {
      const ours = throughputOf(windows);
      return {
        name,
        params: { ...params, replicas: replicaCount },
        unit: 'events/s',
        ours,
        peers: { 'kafkajs-raw-producer': peerThroughput },
        ratio: { 'ours/peer': ours.median / peerThroughput.median },
        target: { 'ours/peer': 0.6 },
      };
    };
    writeBenchResult('ingest', [
      resultFor('ingest.batch-throughput', single, 1),
      ...(scaled.length > 0 ? [resultFor('ingest.batch-throughput.replicas', scaled, all.length)] : []),
    ]);
  } finally {
    await producer.disconnect();
    for (const instance of instances) await instance.stop();
    await releaseInfrastructure(started);
  }
}
