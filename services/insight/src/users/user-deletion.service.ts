import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import { defaultKeywordCapacity, foldTexts, type FoldOptions } from '../aggregation/insight.aggregate';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';
import { InsightRepository } from '../persistence/insight.repository';
import { inTransaction, markForgotten } from '@userops/storage';

/**
 * Erasure (user-deleted.v1): the user's texts, results, aggregate and segment projection go, and
 * each segment the user wrote in is rebuilt from the texts that remain, so no trace of the user
 * survives in the segment's means, counts or keywords. The user is recorded in forgotten_users in
 * the same transaction, so a text or segment change produced before the deletion and consumed
 * after it stores nothing (see forgotten-users.ts). Idempotent: a second run finds nothing.
 */
@Injectable()
export class UserDeletionService {
  private readonly fold: FoldOptions;

  constructor(
    @Inject(INSIGHT_CONFIG) config: InsightConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly repository: InsightRepository,
  ) {
    this.fold = { alpha: config.INSIGHT_EWMA_ALPHA, keywordCapacity: defaultKeywordCapacity };
  }

  async deleteUser(userId: string): Promise<{ texts: number; segmentsRebuilt: string[] }> {
    return inTransaction(this.pool, async (client) => {
      // Lock order erasure lock → user → segments, as the text path takes them.
      await markForgotten(client, userId);
      await this.repository.lockAggregate(client, 'user', userId);
      const segments = await this.repository.segmentsWithTextsOf(client, userId);
      const texts = await this.repository.deleteUser(client, userId);
      for (const segmentId of segments) {
        await this.repository.lockAggregate(client, 'segment', segmentId);
        const remaining = await this.repository.observationsOfSegment(client, segmentId);
        if (remaining.length === 0) await this.repository.deleteAggregate(client, 'segment', segmentId);
        else
          await this.repository.saveAggregate(client, 'segment', segmentId, foldTexts(remaining, this.fold));
      }
      return { texts, segmentsRebuilt: segments };
    });
  }
}
