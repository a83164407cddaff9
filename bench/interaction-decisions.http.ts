import { join } from 'node:path';
import autocannon from 'autocannon';
import { createRng } from '@userops/bandits';
import { serviceTestEnv, startServiceProcess, uniqueName, waitFor } from '@userops/testing';
import { ensureInfrastructure, releaseInfrastructure } from '../libs/testing/src/infra/ensure-infrastructure';
import { type BenchResult, summarise } from './bench-result';

// Decisions over HTTP: interaction started as its own process (as an operator runs it) on the
// real Kafka, Postgres and Redis, driven with autocannon on `POST /v1/decisions`. Each decision
// reads the decision point's settings and the user's projection from Postgres (one query) and the
// policy's version from Redis (the full state only after a change), chooses, and logs itself to
// Postgres; the reward-window closer learns from earlier decisions in the same process meanwhile,
// as in production, so the LinUCB state changes (and is re-read) about twice a second.
//
// Side by side, interleaved after a warm-up, each `runs` windows of `seconds`:
// - ours: a LinUCB decision point with every action trained (full-size state in Redis);
// - peer "uniform": the same path with a uniform policy, so ours/uniform is what the bandit
//   maths and its larger state cost over HTTP;
// - peer "healthz": the same process answering /healthz, the HTTP floor of the stack.

export interface HttpDecisionOptions {
  seconds: number;
  connections: number;
  runs: number;
  actions: number;
  features: number;
}

interface Window {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

const adminToken = 'bench-admin-token-0123456789';
const users = 10_000;
const rewardWaitSeconds = 5;

function percentile(sorted: Float64Array, probability: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(probability * sorted.length))] ?? 0;
}

/**
 * One window of load. Latencies come from every 2xx response's own timing (sub-millisecond),
 * not autocannon's histogram, which rounds to whole milliseconds.
 */
async function drive(
  url: string,
  seconds: number,
  connections: number,
  request: autocannon.Request,
): Promise<Window> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, requests: [request] },
      (error: unknown, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: result['2xx'] / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** POST /v1/decisions with a random user of `users` and a random caller context, every request. */
function decisionRequest(decisionPoint: string, features: string[], seed: number): autocannon.Request {
  const rng = createRng(seed);
  return {
    method: 'POST',
    path: '/v1/decisions',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({
        userId: `bench-user-${rng.int(users)}`,
        decisionPoint,
        context: Object.fromEntries(features.map((name, i) => [name, i === 0 ? 1 : rng.next()])),
      }),
    }),
  };
}

async function admin(url: string, method: 'PUT' | 'GET', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function summariseWindows(windows: Window[]) {
  return {
    ...summarise(windows.map((w) => w.requestsPerSecond)),
    p50Ms: summarise(windows.map((w) => w.p50Ms)).median,
    p99Ms: summarise(windows.map((w) => w.p99Ms)).median,
    non2xx: windows.reduce((n, w) => n + w.non2xx, 0),
    errors: windows.reduce((n, w) => n + w.errors, 0),
  };
}

export async function measureDecisionsOverHttp(options: HttpDecisionOptions): Promise<BenchResult> {
  const started = await ensureInfrastructure((line) => process.stderr.write(`${line}\n`));
  const interaction = await startServiceProcess(
    join(__dirname, '../services/interaction/src/main.ts'),
    serviceTestEnv('interaction', {
      KAFKA_TOPIC_PREFIX: `${uniqueName('bench')}.`,
      INTERACTION_CONSUMER_GROUP: uniqueName('bench-interaction'),
      INTERACTION_REDIS_PREFIX: `${uniqueName('bench-interaction')}:`,
      INTERACTION_ADMIN_TOKEN: adminToken,
      INTERACTION_CLOSE_INTERVAL_MS: '500',
      INTERACTION_CLOSE_GRACE_SECONDS: '0',
      INTERACTION_SNAPSHOT_EVERY: '1000',
    }),
  );
  try {
    const features = ['bias', ...Array.from({ length: options.features - 1 }, (_, i) => `f${i + 1}`)];
    const actions = Array.from({ length: options.actions }, (_, i) => ({
      id: `action-${i}`,
      payload: { template: `t${i}` },
    }));
    const point = (policy: unknown) => ({ actions, policy, contextFeatures: features, rewardWaitSeconds });
    const [linUcb, uniform] = [uniqueName('bench-lin-ucb'), uniqueName('bench-uniform')];
    await admin(interaction.url, 'PUT', `/v1/admin/decision-points/${linUcb}`, point({ kind: 'lin-ucb' }));
    await admin(interaction.url, 'PUT', `/v1/admin/decision-points/${uniform}`, point({ kind: 'uniform' }));
    const ours = decisionRequest(linUcb, features, 1);
    const uniformPeer = decisionRequest(uniform, features, 2);
    const healthz: autocannon.Request = { method: 'GET', path: '/healthz' };

    process.stderr.write('http warm-up; waiting for the warm-up decisions to train every LinUCB action...\n');
    await drive(interaction.url, 3, options.connections, ours);
    await drive(interaction.url, 3, options.connections, uniformPeer);
    await drive(interaction.url, 2, options.connections, healthz);
    await waitFor(
      async () => {
        const state = (await admin(interaction.url, 'GET', `/v1/admin/decision-points/${linUcb}/policy`)) as {
          arms: Record<string, unknown>;
        };
        return Object.keys(state.arms).length === options.actions ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'every LinUCB action trained' },
    );

    const windows = { ours: [] as Window[], uniform: [] as Window[], healthz: [] as Window[] };
    for (let run = 1; run <= options.runs; run++) {
      process.stderr.write(
        `http run ${run}/${options.runs}: lin-ucb, uniform, healthz, ${options.seconds} s each\n`,
      );
      windows.ours.push(await drive(interaction.url, options.seconds, options.connections, ours));
      windows.uniform.push(await drive(interaction.url, options.seconds, options.connections, uniformPeer));
      windows.healthz.push(await drive(interaction.url, options.seconds, options.connections, healthz));
    }
    const policy = (await admin(interaction.url, 'GET', `/v1/admin/decision-points/${linUcb}/policy`)) as {
      version: number;
    };
    const summary = {
      ours: summariseWindows(windows.ours),
      uniform: summariseWindows(windows.uniform),
      healthz: summariseWindows(windows.healthz),
    };
    return {
      name: 'bandits.decision-http',
      params: {
        ...options,
        users,
        rewardWaitSeconds,
        measured:
          'POST /v1/decisions over HTTP (autocannon, keep-alive) against interaction in its own process, real Postgres and Redis; median of runs',
        linUcbVersionAtEnd: policy.version,
      },
      unit: 'decisions/s',
      ours: { 'lin-ucb': summary.ours },
      peers: { 'uniform-policy': summary.uniform, 'healthz-floor': summary.healthz },
      ratio: {
        'lin-ucb/uniform decisions/s': summary.ours.median / summary.uniform.median,
        'lin-ucb/uniform p50': summary.ours.p50Ms / summary.uniform.p50Ms,
        'lin-ucb/healthz requests/s': summary.ours.median / summary.healthz.median,
      },
    };
  } finally {
    await interaction.stop();
    await releaseInfrastructure(started);
  }
}
