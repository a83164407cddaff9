/** Where integration tests look for infrastructure when no env var names it. */
export const defaultEndpoints = {
  kafkaBrokers: '127.0.0.1:9092',
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/userops_test',
  redisUrl: 'redis://127.0.0.1:6379/1',
} as const;

export interface TestEndpoints {
  kafkaBrokers: string[];
  databaseUrl: string;
  redisUrl: string;
}

/** Endpoints in force for this test process (set by the global setup, or by the caller's env). */
export function testEndpoints(): TestEndpoints {
  return {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? defaultEndpoints.kafkaBrokers)
      .split(',')
      .map((b) => b.trim()),
    databaseUrl: process.env.DATABASE_URL ?? defaultEndpoints.databaseUrl,
    redisUrl: process.env.REDIS_URL ?? defaultEndpoints.redisUrl,
  };
}

export function hostPortOf(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url.includes('://') ? url : `tcp://${url}`);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
}
