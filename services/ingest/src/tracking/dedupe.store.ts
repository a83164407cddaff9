import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import { INGEST_CONFIG } from '../ingest.tokens';
import type { IngestConfig } from '../config';

const markKey = (sourceId: string, messageId: string) => `ingest:dedupe:${sourceId}:${messageId}`;

/**
 * Segment's dedupe by messageId, atomic across replicas: SET NX in Redis claims a messageId for
 * the dedupe window; a claim that fails means another request (or replica) already has it.
 */
@Injectable()
export class DedupeStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {}

  /** For each messageId, true when this call claimed it (first sighting in the window). */
  async claim(sourceId: string, messageIds: string[]): Promise<boolean[]> {
    const pipeline = this.redis.pipeline();
    for (const id of messageIds) pipeline.set(markKey(sourceId, id), '1', 'EX', this.config.INGEST_DEDUPE_WINDOW_SECONDS, 'NX');
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, reply]) => {
      if (error) throw error;
      return reply === 'OK';
    });
  }

  /** Gives claims back after a failed Kafka write, so the client's retry is not swallowed. */
  async release(sourceId: string, messageIds: string[]): Promise<void> {
    if (messageIds.length > 0) await this.redis.del(...messageIds.map((id) => markKey(sourceId, id)));
  }
}
