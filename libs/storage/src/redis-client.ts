import Redis, { type RedisOptions } from 'ioredis';

/** An ioredis client from REDIS_URL that fails fast instead of queueing commands forever. */
export function createRedisClient(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: 3,
    connectTimeout: 5000,
    enableOfflineQueue: true,
    lazyConnect: false,
    ...options,
  });
}
