import { createRedisClient } from '@userops/storage';
import { testEndpoints, uniqueName } from '@userops/testing';
import { seededKeywordIndex } from '@userops/nlp';
import type Redis from 'ioredis';
import type { InsightConfig } from '../config';
import { KeywordCorpusStore } from './keyword-corpus.store';

describe('KeywordCorpusStore on a real Redis', () => {
  let redis: Redis;
  const seed = seededKeywordIndex().toState();
  const storeWith = (prefix: string, maxTerms = 200_000) =>
    new KeywordCorpusStore(
      { INSIGHT_REDIS_PREFIX: prefix, INSIGHT_KEYWORD_MAX_TERMS: maxTerms } as InsightConfig,
      redis,
    );

  beforeAll(() => {
    redis = createRedisClient(testEndpoints().redisUrl);
  });

  afterAll(async () => {
    await redis?.quit();
  });

  it('is seeded with the starter examples once, however many replicas start', async () => {
    const prefix = `${uniqueName('test')}:`;
    const replicas = [storeWith(prefix), storeWith(prefix), storeWith(prefix)];
    const seeded = await Promise.all(replicas.map((store) => store.seedOnce()));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const counts = await replicas[1]!.counts(['app', 'refund', 'never-seen-key']);
    expect(counts.documents).toBe(seed.documents);
    expect(counts.documentFrequency.get('app')).toBe(seed.documentFrequency.app);
    expect(counts.documentFrequency.has('never-seen-key')).toBe(false);
  });

  it('shares what one replica observes with every other, and keeps it across restarts', async () => {
    const prefix = `${uniqueName('test')}:`;
    const writer = storeWith(prefix);
    await writer.seedOnce();
    await writer.observe(['zorblax', 'zorblax broken', 'broken']);
    await writer.observe(['zorblax']);
    // A new store object on the same prefix is what a restarted replica has.
    const reader = storeWith(prefix);
    expect(await reader.seedOnce()).toBe(false);
    const counts = await reader.counts(['zorblax', 'zorblax broken', 'broken']);
    expect(counts.documents).toBe(seed.documents + 2);
    expect(counts.documentFrequency.get('zorblax')).toBe(2);
    expect(counts.documentFrequency.get('zorblax broken')).toBe(1);
    expect(counts.documentFrequency.get('broken')).toBe((seed.documentFrequency.broken ?? 0) + 1);
  });

  it('forgets the rarest keys once the vocabulary passes INSIGHT_KEYWORD_MAX_TERMS', async () => {
    const prefix = `${uniqueName('test')}:`;
    const store = storeWith(prefix, 1000);
    await store.seedOnce();
    const vocabulary = Object.keys(seed.documentFrequency).length;
    expect(vocabulary).toBeGreaterThan(1000);
    expect(await store.prune()).toBe(vocabulary - 900);
    expect(await redis.hlen(`${prefix}insight:keywords:df`)).toBe(900);
    // The most frequent key survives; a prune within the bound forgets nothing.
    const [commonest] = Object.entries(seed.documentFrequency).sort((a, b) => b[1] - a[1]);
    expect((await store.counts([commonest![0]])).documentFrequency.get(commonest![0])).toBe(commonest![1]);
    expect(await store.prune()).toBe(0);
  });
});
