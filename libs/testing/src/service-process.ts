import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { repoRoot } from './infra/local-services';
import { testEndpoints } from './infra/endpoints';
import { uniqueSchemaName } from './naming';
import { waitFor } from './wait-for';

export interface ServiceProcess {
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** The env a service gets in tests: the located infrastructure and its own database schema. */
export function serviceTestEnv(service: string, extra: Record<string, string> = {}): Record<string, string> {
  const endpoints = testEndpoints();
  return {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    DATABASE_URL: endpoints.databaseUrl,
    REDIS_URL: endpoints.redisUrl,
    DATABASE_SCHEMA: uniqueSchemaName(service),
    LOG_LEVEL: process.env.USEROPS_TEST_LOG_LEVEL ?? 'fatal',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/** Starts a service's main.ts in its own process (as an operator would) and waits for /readyz. */
export async function startServiceProcess(
  entry: string,
  env: Record<string, string>,
  readyTimeoutMs = 90_000,
): Promise<ServiceProcess> {
  const port = env.PORT ?? String(await freePort());
  // e.g. USEROPS_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a service
  // under a benchmark (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.USEROPS_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = exitOf(child);
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${output.slice(-2000)}`);
        const response = await fetch(`${url}/readyz`).catch(() => undefined);
        return response?.status === 200;
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 250, description: `${entry} to be ready` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs a service's main.ts expecting it to exit (e.g. on bad config); resolves with code and output. */
export function runServiceToExit(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  // e.g. USEROPS_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a service
  // under a benchmark (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.USEROPS_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return exitOf(child).then((code) => {
    clearTimeout(timer);
    return { code, output };
  });
}

/**
 * The boot contract every service meets (DESIGN.md): validated env, /healthz, /readyz checking
 * Kafka, PostgreSQL and Redis, Prometheus /metrics, OpenAPI /docs, clean exit on SIGTERM.
 */
export function assertServiceBootContract({ service, entry }: { service: string; entry: string }): void {
  describe(`${service} process`, () => {
    let running: ServiceProcess | undefined;

    beforeAll(async () => {
      running = await startServiceProcess(entry, serviceTestEnv(service));
    });

    afterAll(async () => {
      await running?.stop();
    });

    it('answers /healthz and reports Kafka, PostgreSQL and Redis up on /readyz', async () => {
      const live = await fetch(`${running!.url}/healthz`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${running!.url}/readyz`);
      const body = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
      expect(ready.status).toBe(200);
      expect(body.status).toBe('ok');
      for (const dependency of ['kafka', 'postgres', 'redis'])
        expect(body.info[dependency]?.status).toBe('up');
    });

    it('serves Prometheus metrics labelled with the service, and OpenAPI docs', async () => {
      const metrics = await (await fetch(`${running!.url}/metrics`)).text();
      expect(metrics).toContain(`process_cpu_user_seconds_total{service="${service}"}`);
      const docs = await fetch(`${running!.url}/docs-json`);
      expect(docs.status).toBe(200);
      const spec = (await docs.json()) as { info: { title: string }; paths: Record<string, unknown> };
      expect(spec.info.title).toBe(`userops ${service}`);
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    });

    it('stops with exit code 0 on SIGTERM', async () => {
      const code = await running!.stop();
      running = undefined;
      expect(code).toBe(0);
    });

    it('refuses to start on a bad setting, naming the variable and the expected form', async () => {
      const { code, output } = await runServiceToExit(
        entry,
        serviceTestEnv(service, { PORT: 'eighty', KAFKA_BROKERS: 'nohost' }),
      );
      expect(code).toBe(78);
      expect(output).toContain('KAFKA_BROKERS="nohost": each broker must be host:port');
      expect(output).toContain('PORT="eighty"');
    });
  });
}
