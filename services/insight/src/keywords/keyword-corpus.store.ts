import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type KeywordCorpusCounts, rarestKeysBeyond, seededKeywordIndex } from '@userops/nlp';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';

// Bounding the vocabulary is a background chore: checked this often, on every replica.
const pruneIntervalMs = 60_000;
const scanBatch = 1000;

/**
 * The keyword corpus every replica ranks against: the number of analysed texts and, per keyword
 * key (Porter stems, bigrams joined by a space), how many of them contained it. Kept in Redis so
 * replicas and restarts share one corpus; libs/nlp ranks with the counts this store reads.
 *
 * Keys (under INSIGHT_REDIS_PREFIX): `insight:keywords:documents` (counter),
 * `insight:keywords:df` (hash key → document frequency), `insight:keywords:seeded` (marker).
 */
@Injectable()
export class KeywordCorpusStore implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('keyword-corpus');
  private readonly documentsKey: string;
  private readonly frequencyKey: string;
  private readonly seededKey: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    const base = `${config.INSIGHT_REDIS_PREFIX}insight:keywords:`;
    this.documentsKey = `${base}documents`;
    this.frequencyKey = `${base}df`;
    this.seededKey = `${base}seeded`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.seedOnce();
    this.timer = setInterval(
      () =>
        void this.prune().catch((error: unknown) =>
          this.logger.warn(`keyword corpus prune failed, will retry: ${String(error)}`),
        ),
      pruneIntervalMs,
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The corpus size and the frequencies of just these keys, in one round trip. */
  async counts(keys: readonly string[]): Promise<KeywordCorpusCounts> {
    const pipeline = this.redis.pipeline().get(this.documentsKey);
    if (keys.length > 0) pipeline.hmget(this.frequencyKey, ...keys);
    const replies = (await pipeline.exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
    const documents = Number(replies[0]?.[1] ?? 0);
    const frequencies = (replies[1]?.[1] as Array<string | null> | undefined) ?? [];
    const documentFrequency = new Map<string, number>();
    keys.forEach((key, index) => {
      const value = frequencies[index];
      if (value !== null && value !== undefined) documentFrequency.set(key, Number(value));
    });
    return { documents, documentFrequency };
  }

  /**
   * Counts one analysed text into the corpus. MULTI keeps the counter and the frequencies moving
   * together, so no reader sees a key counted in more documents than the corpus holds.
   */
  async observe(keys: readonly string[]): Promise<void> {
    const transaction = this.redis.multi().incr(this.documentsKey);
    for (const key of new Set(keys)) transaction.hincrby(this.frequencyKey, key, 1);
    const replies = (await transaction.exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
  }

  /**
   * Seeds an empty corpus with the starter examples once per deployment (SET NX decides which
   * replica), so document frequencies mean something from the first text on: "app" and "please"
   * are common in feedback, "refund" is not.
   */
  async seedOnce(): Promise<boolean> {
    if ((await this.redis.set(this.seededKey, new Date().toISOString(), 'NX')) !== 'OK') return false;
    const seed = seededKeywordIndex().toState();
    const transaction = this.redis.multi().incrby(this.documentsKey, seed.documents);
    for (const [key, frequency] of Object.entries(seed.documentFrequency))
      transaction.hincrby(this.frequencyKey, key, frequency);
    try {
      const replies = (await transaction.exec()) ?? [];
      for (const [error] of replies) if (error) throw error;
    } catch (error) {
      // Let the next replica to start seed instead of leaving the corpus marked but empty.
      await this.redis.del(this.seededKey);
      throw error;
    }
    this.logger.log(`seeded the keyword corpus with ${seed.documents} starter examples`);
    return true;
  }

  /**
   * Keeps the vocabulary within INSIGHT_KEYWORD_MAX_TERMS by forgetting the rarest keys (the
   * policy of libs/nlp's KeywordIndex). Returns how many keys were forgotten.
   */
  async prune(): Promise<number> {
    const maxTerms = this.config.INSIGHT_KEYWORD_MAX_TERMS;
    if ((await this.redis.hlen(this.frequencyKey)) <= maxTerms) return 0;
    const entries: Array<[string, number]> = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.frequencyKey, cursor, 'COUNT', scanBatch);
      for (let i = 0; i < flat.length; i += 2) entries.push([flat[i]!, Number(flat[i + 1])]);
      cursor = next;
    } while (cursor !== '0');
    const forgotten = rarestKeysBeyond(entries, maxTerms);
    for (let start = 0; start < forgotten.length; start += scanBatch)
      await this.redis.hdel(this.frequencyKey, ...forgotten.slice(start, start + scanBatch));
    if (forgotten.length > 0) this.logger.log(`forgot the ${forgotten.length} rarest keywords`);
    return forgotten.length;
  }
}
