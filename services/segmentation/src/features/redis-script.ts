import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), falling back to EVAL when the server does not hold it
 * yet (first call, restart, SCRIPT FLUSH). The per-event scripts run once per consumed event:
 * sending their source each time would cost more bytes and server-side hashing than the work.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }

  /**
   * Runs the script once per call in one round trip, in order, and returns each call's reply.
   * The calls go in a MULTI/EXEC rather than a bare pipeline so no other client's command runs in
   * between: a SCRIPT FLUSH (or another replica's EVAL loading the script) half-way through would
   * otherwise leave some calls run and others NOSCRIPT, and re-running those later would apply them
   * out of order. So either all of them find the script or none does, and then all are sent again
   * with their source. Throws the first error of any call; the calls before and after it have run
   * (Redis does not roll a transaction back), so callers must be idempotent per call, as they are.
   */
  async runMany(
    redis: Redis,
    calls: ReadonlyArray<{ keys: readonly string[]; args: ReadonlyArray<string | number> }>,
  ): Promise<unknown[]> {
    if (calls.length === 0) return [];
    const bySha = redis.multi();
    for (const { keys, args } of calls) bySha.evalsha(this.sha, keys.length, ...keys, ...args);
    let replies = (await bySha.exec()) ?? [];
    if (replies.some(([error]) => error?.message.startsWith('NOSCRIPT'))) {
      const bySource = redis.multi();
      for (const { keys, args } of calls) bySource.eval(this.source, keys.length, ...keys, ...args);
      replies = (await bySource.exec()) ?? [];
    }
    if (replies.length !== calls.length)
      throw new Error(`expected ${calls.length} script replies from Redis, got ${replies.length}`);
    return replies.map(([error, reply]) => {
      if (error) throw error;
      return reply;
    });
  }
}
