import type Redis from 'ioredis';
import type { Pool } from 'pg';

export interface DependencyHealth {
  up: boolean;
  latencyMs?: number;
  error?: string;
}

async function timed(check: () => Promise<unknown>, timeoutMs: number): Promise<DependencyHealth> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
      ),
    ]);
    return { up: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { up: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function checkPostgres(pool: Pool, timeoutMs = 2000): Promise<DependencyHealth> {
  return timed(() => pool.query('select 1'), timeoutMs);
}

export function checkRedis(redis: Redis, timeoutMs = 2000): Promise<DependencyHealth> {
  return timed(() => redis.ping(), timeoutMs);
}
