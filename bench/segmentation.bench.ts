import { createRequire } from 'node:module';
import { assignToNearest, createRandom, fitKMeans, initTensorBackend, type SeededRandom } from '@userops/ml';
import { type BenchResult, summarise, writeBenchResult } from './bench-result';

// npm run bench -- segmentation [--runs=5] [--n=100000]
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
  writeBenchResult('segmentation', [
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
  ]);
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
  return { runs: value('runs', 5), sameStartRuns: value('same-start-runs', 5), n: value('n', 100_000) };
}
