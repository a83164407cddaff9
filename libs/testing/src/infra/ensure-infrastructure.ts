import { Client } from 'pg';
import {
  type StartedContainer,
  startKafkaContainer,
  startPostgresContainer,
  startRedisContainer,
} from './containers';
import { defaultEndpoints, hostPortOf } from './endpoints';
import { runScript, testKafkaDataDir } from './local-services';
import { dockerEngineAnswers, portAnswers } from './probes';

/** What the setup started itself, so the teardown stops exactly that and nothing else. */
export interface StartedInfrastructure {
  containers: StartedContainer[];
  localKafka: boolean;
}

type Resolution = { url: string; how: string };

const missingHelp = {
  KAFKA_BROKERS:
    'Kafka: install Java 17+ and Maven (deploy/kafka fetches the broker), run a Docker engine, or set KAFKA_BROKERS',
  DATABASE_URL: 'PostgreSQL: apt-get install postgresql, run a Docker engine, or set DATABASE_URL',
  REDIS_URL: 'Redis: apt-get install redis-server, run a Docker engine, or set REDIS_URL',
} as const;

async function resolveOne(
  variable: keyof typeof missingHelp,
  defaultUrl: string,
  defaultPort: number,
  started: StartedInfrastructure,
  viaContainer: () => Promise<StartedContainer>,
  viaLocalScript: () => Promise<void>,
): Promise<Resolution> {
  const fromEnv = process.env[variable];
  const url = fromEnv ?? defaultUrl;
  const firstUrl = url.split(',')[0] ?? url;
  const { host, port } = hostPortOf(firstUrl, defaultPort);
  if (await portAnswers(host, port))
    return { url, how: fromEnv ? `${variable} (already running)` : 'already running' };
  if (fromEnv)
    throw new Error(
      `${variable}=${fromEnv} does not answer. Start it, or unset ${variable} to let the tests start one.`,
    );
  if (await dockerEngineAnswers()) {
    const container = await viaContainer();
    started.containers.push(container);
    return { url: container.url, how: 'testcontainers' };
  }
  try {
    await viaLocalScript();
  } catch (error) {
    throw new Error(
      `No ${variable.toLowerCase()} could be found or started (${(error as Error).message}). ${missingHelp[variable]}.`,
    );
  }
  return { url, how: 'started locally' };
}

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Finds or starts Kafka, PostgreSQL and Redis for integration tests, in this order of preference:
 * the env var, something already answering on the default port, testcontainers, local scripts.
 * Sets KAFKA_BROKERS, DATABASE_URL and REDIS_URL for the test workers.
 */
export async function ensureInfrastructure(log: (line: string) => void): Promise<StartedInfrastructure> {
  const started: StartedInfrastructure = { containers: [], localKafka: false };
  const kafka = await resolveOne(
    'KAFKA_BROKERS',
    defaultEndpoints.kafkaBrokers,
    9092,
    started,
    startKafkaContainer,
    async () => {
      await runScript('deploy/kafka/start.sh', { KAFKA_DATA_DIR: testKafkaDataDir });
      started.localKafka = true;
    },
  );
  const postgres = await resolveOne(
    'DATABASE_URL',
    defaultEndpoints.databaseUrl,
    5432,
    started,
    startPostgresContainer,
    () => runScript('scripts/ensure-postgres.sh'),
  );
  const redis = await resolveOne(
    'REDIS_URL',
    defaultEndpoints.redisUrl,
    6379,
    started,
    startRedisContainer,
    () => runScript('scripts/ensure-redis.sh'),
  );
  await ensureDatabase(postgres.url);
  process.env.KAFKA_BROKERS = kafka.url;
  process.env.DATABASE_URL = postgres.url;
  process.env.REDIS_URL = redis.url;
  log(
    `integration infrastructure: kafka ${kafka.url} (${kafka.how}), postgres ${postgres.url} (${postgres.how}), redis ${redis.url} (${redis.how})`,
  );
  return started;
}

export async function releaseInfrastructure(started: StartedInfrastructure): Promise<void> {
  for (const container of started.containers) await container.stop();
  if (started.localKafka)
    await runScript('deploy/kafka/stop.sh', { KAFKA_DATA_DIR: testKafkaDataDir, KAFKA_WIPE: '1' });
}
