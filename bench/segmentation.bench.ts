import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EventEnvelope } from '@userops/contracts';
import { assignToNearest, createRandom, fitKMeans, initTensorBackend, type SeededRandom } from '@userops/ml';
import { parseConfig } from '@userops/service-host';
import { createRedisClient } from '@userops/storage';
import { uniqueName } from '@userops/testing';
import type Redis from 'ioredis';
import { ensureInfrastructure, releaseInfrastructure } from '../libs/testing/src/infra/ensure-infrastructure';
import { segmentationConfigSchema } from '../services/segmentation/src/config';
import { eventFactsOf } from '../services/segmentation/src/features/event-facts';
import { LiveFeatureStore } from '../services/segmentation/src/features/live-feature.store';
import { type BenchResult, summarise, writeBenchResult } from './bench-result';

// npm run bench -- segmentation [--part=all|kmeans|features] [--runs=5] [--n=100000]
//                               [--events=50000] [--users=5000] [--batch=100] [--feature-runs=3]
//
// Two parts, one result file: k-means fit, and events/s of live feature updates against real Redis (the
// second half of this file).
//
// K-means fit time of @userops/ml against ml-kmeans and skmeans on the same seeded 100k x 8 points, k = 8, in
// the same process, runs interleaved after a warm-up (../shared/BENCHMARKS.md). Two measurements:
// 1. end to end: each library with its own k-means++ start, as a caller would use it; the headline ratio.
// 2. same start: all three run Lloyd from identical seeded centroids (k distinct data points), which isolates
//    the iteration speed and makes equal inertia exact rather than statistical. Our TensorFlow.js engine runs
//    here too, so the choice of the typed-array engine as default is re-measured, not assumed.
// Inertia is recomputed for every result the same way (each point to its nearest returned centroid), outside
// the timed region.

interface Args {
  events: number;
  users: number;
  batch: number;
  featureRuns: number;
  part: 'all' | 'kmeans' | 'features';
  runs: number;
  sameStartRuns: number;
  n: number;
}

type Rows = number[][];
interface Fit {
  centroids: Rows;
  iterations: number;
}
interface Contender {
  name: string;
  fit(points: Rows, k: number, run: number, start: Rows | undefined): Fit;
}

const d = 8;
const k = 8;
const seed = 42;

interface MlKMeans {
  kmeans(
    data: Rows,
    k: number,
    options: { seed?: number; initialization?: 'kmeans++' | Rows },
  ): { centroids: Rows; iterations: number };
}
type SkMeans = (data: Rows, k: number, initial?: 'kmpp' | Rows | null) => { centroids: Rows; it: number };

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const results: BenchResult[] = [];
  if (args.part !== 'features') results.push(...(await measureKMeans(args)));
  if (args.part !== 'kmeans') results.push(await measureFeatureUpdates(args));
  writeBenchResult('segmentation', results);
}

async function measureKMeans(args: Args): Promise<BenchResult[]> {
  const tfBackend = await initTensorBackend((message) => process.stdout.write(`${message}\n`));
  // ml-kmeans 7 is ESM-only without a `types` entry reachable by this repo's module resolution; Node 20's
  // require(esm) loads it, and the shapes used are declared above.
  const load = createRequire(__filename);
  const mlKMeans = load('ml-kmeans') as MlKMeans;
  const skmeans = load('skmeans') as SkMeans;

  const points = blobs(args.n, createRandom(seed));
  const contenders: Contender[] = [
    {
      name: 'ours',
      fit: (data, clusters, run, start) =>
        fitKMeans(data, { k: clusters, seed: run, ...(start ? { initialCentroids: start } : {}) }),
    },
    {
      name: 'ml-kmeans',
      fit: (data, clusters, run, start) =>
        mlKMeans.kmeans(data, clusters, { seed: run + 1, initialization: start ?? 'kmeans++' }),
    },
    {
      name: 'skmeans',
      // skmeans draws its k-means++ start from Math.random; seed that for the call so runs are reproducible.
      fit: (data, clusters, run, start) =>
        withSeededMathRandom(run + 1, () => {
          const result = skmeans(data, clusters, start ?? 'kmpp');
          return { centroids: result.centroids, iterations: result.it };
        }),
    },
  ];
  const tensorEngine: Contender = {
    name: 'ours (tensor engine)',
    fit: (data, clusters, _run, start) =>
      fitKMeans(data, { k: clusters, initialCentroids: start, engine: 'tensor' }),
  };

  process.stdout.write(`k-means fit, ${args.n} x ${d}, k = ${k}, tensor backend ${tfBackend}\n`);
  const endToEnd = measure(points, contenders, args.runs, () => undefined);
  const sameStart = measure(points, [...contenders, tensorEngine], args.sameStartRuns, (run) =>
    forgyStart(points, createRandom(1000 + run)),
  );

  const params = { n: args.n, d, k, seed, blobs: k, warmUp: 1 };
  return [
    toResult(
      'segmentation.kmeans-fit',
      { ...params, runs: args.runs, start: 'own k-means++' },
      endToEnd,
      tfBackend,
    ),
    toResult(
      'segmentation.kmeans-lloyd-same-start',
      { ...params, runs: args.sameStartRuns, start: 'k seeded random points, shared' },
      sameStart,
      tfBackend,
    ),
  ];
}

interface Samples {
  times: number[];
  inertias: number[];
  iterations: number[];
}

/** Warm-up round, then `runs` rounds; each round rotates who goes first so no one always runs on a cold cache. */
function measure(
  points: Rows,
  contenders: Contender[],
  runs: number,
  startFor: (run: number) => Rows | undefined,
): Map<string, Samples> {
  const samples = new Map(
    contenders.map((c) => [c.name, { times: [], inertias: [], iterations: [] } as Samples]),
  );
  for (let round = -1; round < runs; round++) {
    const run = Math.max(round, 0);
    const start = startFor(run);
    for (let slot = 0; slot < contenders.length; slot++) {
      const contender = contenders[(slot + run) % contenders.length]!;
      // A fresh copy per contender: skmeans overwrites the centroid array it is given.
      const ownStart = start?.map((row) => [...row]);
      const began = process.hrtime.bigint();
      const fit = contender.fit(points, k, run, ownStart);
      const elapsed = Number(process.hrtime.bigint() - began) / 1e6;
      if (round < 0) continue;
      const entry = samples.get(contender.name)!;
      entry.times.push(elapsed);
      entry.inertias.push(inertiaOf(points, fit.centroids));
      entry.iterations.push(fit.iterations);
      process.stdout.write(
        `  run ${run} ${contender.name.padEnd(22)} ${elapsed.toFixed(0).padStart(7)} ms  inertia ${entry.inertias.at(-1)!.toFixed(1)}  iterations ${fit.iterations}\n`,
      );
    }
  }
  return samples;
}

function toResult(
  name: string,
  params: Record<string, unknown>,
  samples: Map<string, Samples>,
  tfBackend: string,
): BenchResult {
  const describe = (entry: Samples) => {
    const inertia = summarise(entry.inertias);
    return {
      ...summarise(entry.times),
      quality: { inertia: inertia.median, inertiaMin: inertia.min, inertiaMax: inertia.max },
      iterations: summarise(entry.iterations).median,
      samples: entry.times.map((time) => Math.round(time)),
    };
  };
  const ours = describe(samples.get('ours')!);
  const peers = Object.fromEntries(
    [...samples].filter(([peer]) => peer !== 'ours').map(([peer, entry]) => [peer, describe(entry)]),
  );
  const [fastestName, fastest] = Object.entries(peers)
    .filter(([peer]) => !peer.startsWith('ours'))
    .sort(([, a], [, b]) => a.median - b.median)[0]!;
  const inertiaGap = ours.quality.inertia / fastest.quality.inertia - 1;
  process.stdout.write(
    `${name}: ours ${ours.median.toFixed(0)} ms vs ${fastestName} ${fastest.median.toFixed(0)} ms -> ratio ` +
      `${(ours.median / fastest.median).toFixed(3)}; median inertia ours ${ours.quality.inertia.toFixed(1)} vs ` +
      `${fastest.quality.inertia.toFixed(1)} (${(inertiaGap * 100).toFixed(2)}%)\n`,
  );
  return {
    name,
    params,
    unit: 'ms',
    ours,
    peers,
    ratio: {
      'ours/fastest-peer': ours.median / fastest.median,
      'inertia ours/fastest-peer': ours.quality.inertia / fastest.quality.inertia,
    },
    target: { 'ours/fastest-peer': 0.5, 'inertia ours/fastest-peer': 1.01 },
    machine: { tfBackend, fastestPeer: fastestName },
  };
}

/**
 * k Gaussian blobs in d dimensions with centres ~ N(0, 4^2) per axis and a different spread per blob (1.5 to
 * 4.1), so neighbouring blobs overlap the way real behavioural segments do and Lloyd needs a dozen or more
 * iterations instead of converging in two.
 */
function blobs(n: number, random: SeededRandom): Rows {
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.nextGaussian() * 4));
  return Array.from({ length: n }, (_, i) => {
    const blob = i % k;
    const spread = 1.5 * (1 + blob / 4);
    return centres[blob]!.map((value) => value + random.nextGaussian() * spread);
  });
}

function forgyStart(points: Rows, random: SeededRandom): Rows {
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(random.nextInt(points.length));
  return [...chosen].map((i) => [...points[i]!]);
}

function inertiaOf(points: Rows, centroids: Rows): number {
  return assignToNearest(points, centroids).squaredDistances.reduce((sum, value) => sum + value, 0);
}

function withSeededMathRandom<T>(seedValue: number, body: () => T): T {
  const original = Math.random;
  const random = createRandom(seedValue);
  Math.random = () => random.next();
  try {
    return body();
  } finally {
    Math.random = original;
  }
}

function parseArgs(argv: string[]): Args {
  const value = (name: string, fallback: number): number => {
    const flag = argv.find((arg) => arg.startsWith(`--${name}=`));
    const parsed = flag === undefined ? fallback : Number(flag.slice(name.length + 3));
    if (!Number.isInteger(parsed) || parsed < 1)
      throw new Error(`--${name} must be a positive integer, got ${flag}`);
    return parsed;
  };
  const partFlag = argv.find((arg) => arg.startsWith('--part='))?.slice('--part='.length) ?? 'all';
  if (partFlag !== 'all' && partFlag !== 'kmeans' && partFlag !== 'features')
    throw new Error(`--part must be all, kmeans or features, got ${partFlag}`);
  return {
    part: partFlag,
    runs: value('runs', 5),
    sameStartRuns: value('same-start-runs', 5),
    n: value('n', 100_000),
    events: value('events', 50_000),
    users: value('users', 5_000),
    batch: value('batch', 100),
    featureRuns: value('feature-runs', 3),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Feature updates: events/s of the live feature store against real Redis, as the events consumer drives it.
//
// The consumer (EventsConsumer on ConsumerRunner, one partition at a time) turns each envelope into facts and
// awaits one LiveFeatureStore.apply per event: a Lua script doing the dedupe claim, the counters, the day
// buckets, the clock and the dirty mark atomically. Here the same code runs on synthetic envelopes (Kafka and
// the zod parse left out), in the consumer's order: one event after the other, timed per batch of `batch`
// events (a fetch's worth) for p50/p99. Since the consumer runs in batch mode, its path is `ours-batched`: one
// LiveFeatureStore.applyMany per batch, the same script per event sent in one MULTI/EXEC round trip; `ours`
// (one awaited apply per event, the consumer's path before batch mode) stays for the before/after figure.
// Two peers on the same Redis, the same number of events and keys:
// - redis-hincrby-sequential: one plain HINCRBY per event, awaited one by one: the same round trips, nothing
//   atomic, no dedupe; the floor for a consumer that handles one event at a time.
// - redis-hincrby-pipelined: the same HINCRBYs, one pipeline per batch: the physical limit of the commands.
// Every run uses fresh eventIds (a repeated id would measure the duplicate path) and a key prefix of its own;
// everything under the bench's prefix is deleted at the end.

interface Contestant {
  name: string;
  run(envelopes: readonly EventEnvelope[], onBatch: (ms: number) => void): Promise<void>;
}

interface FeatureSamples {
  eventsPerSecond: number[];
  batchMs: number[];
}

const eventMix: ReadonlyArray<{ weight: number; call: Partial<EventEnvelope> }> = [
  { weight: 0.5, call: { type: 'page', name: 'Home' } },
  { weight: 0.2, call: { type: 'track', event: 'Order Completed' } },
  { weight: 0.15, call: { type: 'track', event: 'Session Started' } },
  { weight: 0.15, call: { type: 'track', event: 'Session Ended' } },
];

/** `count` envelopes for `users` users over 60 days of event time, with fresh eventIds. */
function syntheticEnvelopes(count: number, users: number, random: SeededRandom): EventEnvelope[] {
  const end = Date.parse('2026-11-30T12:00:00.000Z');
  return Array.from({ length: count }, () => {
    let pick = random.next();
    const kind = eventMix.find((entry) => (pick -= entry.weight) < 0) ?? eventMix[0]!;
    const properties: Record<string, unknown> =
      kind.call.event === 'Order Completed'
        ? { revenue: Math.round(5 + random.next() * 300) }
        : kind.call.event === 'Session Ended'
          ? { durationSeconds: Math.round(random.next() * 1800) }
          : {};
    return {
      schemaVersion: 1,
      eventId: randomUUID(),
      messageId: randomUUID(),
      sourceId: 'bench',
      userId: `user-${random.nextInt(users)}`,
      properties,
      traits: {},
      context: {},
      timestamp: new Date(end - random.next() * 60 * 86_400_000).toISOString(),
      receivedAt: new Date(end).toISOString(),
      ...kind.call,
    } as EventEnvelope;
  });
}

async function timeBatches(
  envelopes: readonly EventEnvelope[],
  batch: number,
  onBatch: (ms: number) => void,
  handleBatch: (slice: readonly EventEnvelope[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < envelopes.length; i += batch) {
    const began = process.hrtime.bigint();
    await handleBatch(envelopes.slice(i, i + batch));
    onBatch(Number(process.hrtime.bigint() - began) / 1e6);
  }
}

async function measureFeatureUpdates(args: Args): Promise<BenchResult> {
  const started = await ensureInfrastructure((line) => process.stderr.write(`${line}\n`));
  const redisUrl = process.env.REDIS_URL!;
  const redis: Redis = createRedisClient(redisUrl);
  const benchPrefix = `${uniqueName('bench-seg')}:`;
  const random = createRandom(seed);
  let ordersSent = 0;
  let ordersCounted = 0;
  let ordersCountedBatched = 0;
  try {
    const storeFor = (run: number, name = 'ours') =>
      new LiveFeatureStore(
        redis,
        parseConfig(segmentationConfigSchema, { SEGMENTATION_REDIS_PREFIX: `${benchPrefix}${name}${run}:` }),
      );
    const contestants = (run: number): Contestant[] => {
      const store = storeFor(run);
      const batchedStore = storeFor(run, 'ours-batched');
      const counterKey = (envelope: EventEnvelope, peer: string) =>
        `${benchPrefix}${peer}${run}:user:${envelope.userId}`;
      return [
        {
          name: 'ours',
          run: (envelopes, onBatch) =>
            timeBatches(envelopes, args.batch, onBatch, async (slice) => {
              for (const envelope of slice)
                await store.apply(envelope.eventId, envelope.messageId, eventFactsOf(envelope));
            }),
        },
        {
          name: 'ours-batched',
          run: (envelopes, onBatch) =>
            timeBatches(envelopes, args.batch, onBatch, async (slice) => {
              await batchedStore.applyMany(
                slice.map((envelope) => ({
                  eventId: envelope.eventId,
                  messageId: envelope.messageId,
                  facts: eventFactsOf(envelope),
                })),
              );
            }),
        },
        {
          name: 'redis-hincrby-sequential',
          run: (envelopes, onBatch) =>
            timeBatches(envelopes, args.batch, onBatch, async (slice) => {
              for (const envelope of slice) await redis.hincrby(counterKey(envelope, 'seq'), 'events', 1);
            }),
        },
        {
          name: 'redis-hincrby-pipelined',
          run: (envelopes, onBatch) =>
            timeBatches(envelopes, args.batch, onBatch, async (slice) => {
              const pipeline = redis.pipeline();
              for (const envelope of slice) pipeline.hincrby(counterKey(envelope, 'pipe'), 'events', 1);
              await pipeline.exec();
            }),
        },
      ];
    };
    const names = contestants(0).map((c) => c.name);
    const samples = new Map<string, FeatureSamples>(
      names.map((name) => [name, { eventsPerSecond: [], batchMs: [] }]),
    );
    process.stdout.write(
      `feature updates, ${args.events} events over ${args.users} users, batches of ${args.batch}, redis ${redisUrl}\n`,
    );
    for (let round = -1; round < args.featureRuns; round++) {
      const run = round + 1;
      const envelopes = syntheticEnvelopes(
        round < 0 ? Math.min(5_000, args.events) : args.events,
        args.users,
        random,
      );
      const lineup = contestants(run);
      for (let slot = 0; slot < lineup.length; slot++) {
        const contestant = lineup[(slot + run) % lineup.length]!;
        const batchMs: number[] = [];
        const began = process.hrtime.bigint();
        await contestant.run(envelopes, (ms) => batchMs.push(ms));
        const seconds = Number(process.hrtime.bigint() - began) / 1e9;
        if (round < 0) continue;
        const entry = samples.get(contestant.name)!;
        entry.eventsPerSecond.push(envelopes.length / seconds);
        entry.batchMs.push(...batchMs);
        process.stdout.write(
          `  run ${round} ${contestant.name.padEnd(26)} ${(envelopes.length / seconds).toFixed(0).padStart(7)} events/s\n`,
        );
      }
      if (round === 0) {
        // Quality: every order counted once (the first measured run's stores hold their users' totals).
        ordersSent = envelopes.filter((e) => e.type === 'track' && e.event === 'Order Completed').length;
        const userIds = [...new Set(envelopes.map((e) => e.userId!))];
        const ordersIn = async (store: LiveFeatureStore) =>
          (await store.load(userIds)).reduce((sum, user) => sum + user.state.orders, 0);
        ordersCounted = await ordersIn(storeFor(run));
        ordersCountedBatched = await ordersIn(storeFor(run, 'ours-batched'));
      }
    }
    const describe = (entry: FeatureSamples) => {
      const sorted = [...entry.batchMs].sort((a, b) => a - b);
      const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return {
        ...summarise(entry.eventsPerSecond),
        batchMs: { p50: quantile(0.5), p99: quantile(0.99), batches: sorted.length },
        samples: entry.eventsPerSecond.map((value) => Math.round(value)),
      };
    };
    const ours = { ...describe(samples.get('ours')!), quality: { ordersSent, ordersCounted } };
    const peers: Record<string, ReturnType<typeof describe> & { quality?: Record<string, number> }> =
      Object.fromEntries(
        names.filter((name) => name !== 'ours').map((name) => [name, describe(samples.get(name)!)]),
      );
    peers['ours-batched']!.quality = { ordersSent, ordersCounted: ordersCountedBatched };
    const batched = peers['ours-batched']!;
    const sequential = peers['redis-hincrby-sequential']!;
    const pipelined = peers['redis-hincrby-pipelined']!;
    process.stdout.write(
      `segmentation.feature-updates: ours ${ours.median.toFixed(0)} events/s (batch p50 ${ours.batchMs.p50.toFixed(2)} ms, ` +
        `p99 ${ours.batchMs.p99.toFixed(2)} ms) vs ${sequential.median.toFixed(0)} sequential and ` +
        `${pipelined.median.toFixed(0)} pipelined HINCRBY/s; orders counted ${ordersCounted} of ${ordersSent}\n` +
        `  ours-batched (applyMany per ${args.batch}, the consumer's path) ${batched.median.toFixed(0)} events/s ` +
        `(batch p50 ${batched.batchMs.p50.toFixed(2)} ms, p99 ${batched.batchMs.p99.toFixed(2)} ms) -> ` +
        `${(batched.median / ours.median).toFixed(2)}x per-event; orders counted ${ordersCountedBatched} of ${ordersSent}\n`,
    );
    return {
      name: 'segmentation.feature-updates',
      params: {
        events: args.events,
        users: args.users,
        batch: args.batch,
        runs: args.featureRuns,
        warmUp: 1,
        seed,
        mix: Object.fromEntries(eventMix.map((entry) => [entry.call.event ?? entry.call.type, entry.weight])),
        concurrency:
          'one partition: ours awaits one script per event; ours-batched one applyMany (MULTI/EXEC) per batch',
      },
      unit: 'events/s',
      ours,
      peers,
      ratio: {
        'ours/redis-hincrby-sequential': ours.median / sequential.median,
        'ours/redis-hincrby-pipelined': ours.median / pipelined.median,
        'ours-batched/ours': batched.median / ours.median,
        'ours-batched/redis-hincrby-sequential': batched.median / sequential.median,
        'ours-batched/redis-hincrby-pipelined': batched.median / pipelined.median,
      },
      machine: { redis: redisUrl },
    };
  } finally {
    await deleteByPrefix(redis, benchPrefix);
    await redis.quit();
    await releaseInfrastructure(started);
  }
}

async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
