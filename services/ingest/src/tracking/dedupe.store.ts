import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { IngestConfig } from '../config';
import { INGEST_CONFIG } from '../ingest.tokens';

// The {sourceId} hash tag keeps a source's keys in one Redis Cluster slot, as the script needs.
const markKey = (sourceId: string, messageId: string) => `ingest:dedupe:{${sourceId}}:${messageId}`;

// One command claims a whole batch: a pipeline of SET NX per event cost more CPU in ioredis than
// the rest of ingest's Redis work together. Returns 1 per key claimed, 0 per key already held.
const claimScript = `
local claimed = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, '1', 'EX', ARGV[1], 'NX') then claimed[i] = 1 else claimed[i] = 0 end
end
return claimed`;

type ClaimingRedis = Redis & {
  claimMessageIds(numberOfKeys: number, ...args: Array<string | number>): Promise<number[]>;
};

/**
 * Segment's dedupe by messageId, atomic across replicas: SET NX in Redis claims a messageId for
 * the dedupe window; a claim that fails means another request (or replica) already has it.
 */
@Injectable()
export class DedupeStore {
  private readonly redis: ClaimingRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {
    if (!('claimMessageIds' in redis)) redis.defineCommand('claimMessageIds', { lua: claimScript });
    this.redis = redis as ClaimingRedis;
  }

  /** For each messageId, true when this call claimed it (first sighting in the window). */
  async claim(sourceId: string, messageIds: string[]): Promise<boolean[]> {
    if (messageIds.length === 0) return [];
    const keys = messageIds.map((id) => markKey(sourceId, id));
    const claimed = await this.redis.claimMessageIds(
      keys.length,
      ...keys,
      this.config.INGEST_DEDUPE_WINDOW_SECONDS,
    );
    return claimed.map((flag) => flag === 1);
  }

  /** Gives claims back after a failed Kafka write, so the client's retry is not swallowed. */
  async release(sourceId: string, messageIds: string[]): Promise<void> {
    if (messageIds.length > 0) await this.redis.del(...messageIds.map((id) => markKey(sourceId, id)));
  }
}
