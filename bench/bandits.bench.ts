import {
  BanditSimulator,
  createPolicy,
  linUcbDefaults,
  runSimulation,
  thompsonSamplingDefaults,
  epsilonGreedyDefaults,
  type PolicyConfig,
  type SimulatorConfig,
} from '@userops/bandits';
import { type BenchResult, summarise, writeBenchResult } from './bench-result';
import { measureDecisionsOverHttp } from './interaction-decisions.http';

// Usage: npm run bench -- bandits [--steps 50000] [--seeds 1,2,3]
//          [--http-seconds 10] [--http-runs 3] [--connections 8] [--only simulation|http]
// Cumulative pseudo-regret on the simulator for random, epsilon-greedy, LinUCB and Thompson
// sampling, each facing the same users in the same order with the same reward luck, and the
// in-process decision latency of each. Peers are the limits BENCHMARKS.md names: random (the
// regret to beat) and the oracle (regret 0). Then decisions/s and p50/p99 latency over HTTP
// against the real interaction service (see interaction-decisions.http.ts). `--only` runs one
// part, and the result file then holds that part alone.

interface Contender {
  name: string;
  config: PolicyConfig;
}

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1]! : fallback;
}

function percentile(sorted: Float64Array, probability: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(probability * sorted.length))]!;
}

export async function main(args: string[]): Promise<void> {
  const only = option(args, 'only', 'all');
  if (!['all', 'simulation', 'http'].includes(only))
    throw new Error(`--only ${only}: use simulation or http (or omit it for both)`);
  const results: BenchResult[] = [];
  if (only !== 'http') results.push(...simulate(args));
  if (only !== 'simulation') {
    const http = await measureDecisionsOverHttp({
      seconds: Number(option(args, 'http-seconds', '10')),
      runs: Number(option(args, 'http-runs', '3')),
      connections: Number(option(args, 'connections', '8')),
      actions: 10,
      features: 12,
    });
    printHttp(http);
    results.push(http);
  }
  writeBenchResult('bandits', results);
}

function printHttp(result: BenchResult): void {
  process.stdout.write('\nover HTTP            decisions/s   p50 ms   p99 ms   non-2xx\n');
  const rows = { ...result.ours, ...result.peers } as Record<
    string,
    { median: number; p50Ms: number; p99Ms: number; non2xx: number }
  >;
  for (const [name, row] of Object.entries(rows))
    process.stdout.write(
      `${name.padEnd(18)} ${row.median.toFixed(0).padStart(13)} ${row.p50Ms.toFixed(2).padStart(8)} ${row.p99Ms.toFixed(2).padStart(8)} ${String(row.non2xx).padStart(9)}\n`,
    );
}

function simulate(args: string[]): BenchResult[] {
  const steps = Number(option(args, 'steps', '50000'));
  const worldSeeds = option(args, 'seeds', '1,2,3').split(',').map(Number);
  const policySeed = 42;
  const world = (seed: number): SimulatorConfig => ({
    seed,
    actions: 10,
    features: 8,
    segments: 4,
    users: 2000,
  });
  const dimension = new BanditSimulator(world(worldSeeds[0]!)).dimension;
  const contenders: Contender[] = [
    { name: 'random', config: { kind: 'uniform', dimension } },
    { name: 'epsilon-greedy', config: { kind: 'epsilon-greedy', dimension, ...epsilonGreedyDefaults } },
    { name: 'lin-ucb', config: { kind: 'lin-ucb', dimension, ...linUcbDefaults } },
    {
      name: 'thompson-sampling',
      config: { kind: 'thompson-sampling', dimension, ...thompsonSamplingDefaults },
    },
  ];

  // Warm-up, so that JIT compilation is not charged to the first policy measured.
  for (const { config } of contenders)
    runSimulation(world(999), createPolicy(config), { steps: 2000, policySeed });

  const regrets = new Map<string, number[]>(contenders.map(({ name }) => [name, []]));
  const latencies = new Map<string, Float64Array[]>(contenders.map(({ name }) => [name, []]));
  const stepRates = new Map<string, number[]>(contenders.map(({ name }) => [name, []]));
  // Interleaved: every policy runs on seed 1, then every policy on seed 2, and so on.
  for (const seed of worldSeeds) {
    for (const { name, config } of contenders) {
      const started = performance.now();
      const result = runSimulation(world(seed), createPolicy(config), {
        steps,
        policySeed,
        timeDecisions: true,
      });
      const seconds = (performance.now() - started) / 1000;
      regrets.get(name)!.push(result.cumulativeRegret);
      latencies.get(name)!.push(result.decisionMillis!);
      stepRates.get(name)!.push(steps / seconds);
      process.stdout.write(
        `seed ${seed} ${name.padEnd(18)} regret ${result.cumulativeRegret.toFixed(1).padStart(9)}  ` +
          `reward ${(result.cumulativeReward / steps).toFixed(4)} (oracle ${(result.oracleExpectedReward / steps).toFixed(4)})  ${seconds.toFixed(1)} s\n`,
      );
    }
  }

  const regretSummary = Object.fromEntries(
    contenders.map(({ name }) => [name, { ...summarise(regrets.get(name)!), perSeed: regrets.get(name)! }]),
  );
  const randomRegret = regretSummary.random!.median;
  const learners = contenders.filter(({ name }) => name !== 'random');
  const best = learners.reduce((left, right) =>
    regretSummary[right.name]!.median < regretSummary[left.name]!.median ? right : left,
  );
  const regretRatios: Record<string, number> = {
    'best/random': regretSummary[best.name]!.median / randomRegret,
  };
  for (const { name } of learners)
    regretRatios[`${name}/random`] = regretSummary[name]!.median / randomRegret;

  const latency = Object.fromEntries(
    contenders.map(({ name }) => {
      const all = Float64Array.from(latencies.get(name)!.flatMap((run) => Array.from(run))).sort();
      const meanMillis = all.reduce((sum, value) => sum + value, 0) / all.length;
      return [
        name,
        {
          p50: percentile(all, 0.5),
          p99: percentile(all, 0.99),
          mean: meanMillis,
          decisionsPerSecond: 1000 / meanMillis,
          stepsPerSecond: summarise(stepRates.get(name)!).median,
        },
      ];
    }),
  );

  const params = {
    steps,
    worldSeeds,
    policySeed,
    world: {
      actions: 10,
      features: 8,
      segments: 4,
      users: 2000,
      dimension,
      rewards: 'Bernoulli, hidden logistic model',
    },
    policies: Object.fromEntries(contenders.map(({ name, config }) => [name, config])),
  };
  process.stdout.write(
    '\npolicy              regret (median of seeds)   /random   p50 ms   p99 ms   decisions/s\n',
  );
  for (const { name } of contenders) {
    const l = latency[name]!;
    process.stdout.write(
      `${name.padEnd(18)} ${regretSummary[name]!.median.toFixed(1).padStart(12)} ${(regretSummary[name]!.median / randomRegret).toFixed(3).padStart(16)} ` +
        `${l.p50.toFixed(4).padStart(8)} ${l.p99.toFixed(4).padStart(8)} ${l.decisionsPerSecond.toFixed(0).padStart(13)}\n`,
    );
  }
  process.stdout.write(
    `best: ${best.name}, regret best/random = ${regretRatios['best/random']!.toFixed(3)} (target ≤ 0.1)\n\n`,
  );

  return [
    {
      name: 'bandits.regret',
      params,
      unit: 'cumulative pseudo-regret',
      ours: Object.fromEntries(learners.map(({ name }) => [name, regretSummary[name]!])),
      peers: { random: regretSummary.random!, oracle: { median: 0, min: 0, max: 0 } },
      ratio: regretRatios,
      target: { 'best/random': 0.1 },
    },
    {
      name: 'bandits.decision-latency',
      params: { ...params, measured: 'choose() only, in-process, every step of every seed' },
      unit: 'ms',
      ours: Object.fromEntries(learners.map(({ name }) => [name, latency[name]!])),
      peers: { random: latency.random! },
      ratio: Object.fromEntries(
        learners.map(({ name }) => [`${name}/random p50`, latency[name]!.p50 / latency.random!.p50]),
      ),
    },
  ];
}
