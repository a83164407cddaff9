import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { SegmentationConfig } from '../config';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';
import type { EventFacts } from './event-facts';
import { dayOf, type RawUserState } from './feature-math';

/**
 * Applies one event atomically: the dedupe claim (SET NX on the eventId), the counters, the
 * per-day buckets, the event-time clock and the dirty mark happen together or not at all, so a
 * redelivered event changes nothing and a crash never leaves a half-counted event.
 */
const applyEventScript = `
if redis.call('SET', KEYS[3], '1', 'NX', 'EX', tonumber(ARGV[1])) == false then return 0 end
local t = tonumber(ARGV[2])
local first = tonumber(redis.call('HGET', KEYS[1], 'firstSeenAt'))
if first == nil or t < first then redis.call('HSET', KEYS[1], 'firstSeenAt', ARGV[2]) end
local last = tonumber(redis.call('HGET', KEYS[1], 'lastEventAt'))
if last == nil or t > last then redis.call('HSET', KEYS[1], 'lastEventAt', ARGV[2]) end
local orders = tonumber(ARGV[4])
if orders > 0 then
  redis.call('HINCRBY', KEYS[1], 'orders', orders)
  redis.call('HINCRBYFLOAT', KEYS[1], 'revenue', ARGV[5])
  redis.call('HINCRBY', KEYS[2], 'o:' .. ARGV[3], orders)
end
if tonumber(ARGV[6]) > 0 then redis.call('HINCRBY', KEYS[1], 'sessions', ARGV[6]) end
if tonumber(ARGV[7]) > 0 then redis.call('HINCRBYFLOAT', KEYS[1], 'sessionSeconds', ARGV[7]) end
local pages = tonumber(ARGV[8])
if pages > 0 then
  redis.call('HINCRBY', KEYS[1], 'pageViews', pages)
  redis.call('HINCRBY', KEYS[2], 'p:' .. ARGV[3], pages)
end
if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'signedUpAt', ARGV[9]) end
if ARGV[10] ~= '' then redis.call('HSET', KEYS[1], 'plan', ARGV[10]) end
if ARGV[11] ~= '' then redis.call('HSET', KEYS[1], 'country', ARGV[11]) end
redis.call('HSET', KEYS[1], 'lastEventId', ARGV[13], 'lastMessageId', ARGV[14])
local clock = tonumber(redis.call('GET', KEYS[4]))
if clock == nil or t > clock then redis.call('SET', KEYS[4], ARGV[2]) end
redis.call('SADD', KEYS[5], ARGV[12])
return 1
`;

/**
 * Compare-and-set of a user's segment under one model: returns the previous segment when it
 * changed, so concurrent re-tiering (flush and population rescore, or two replicas) emits each
 * change exactly once. A deleted user (no hash) is never resurrected.
 */
const setSegmentScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, ''} end
local field = 'seg:' .. ARGV[1]
local previous = redis.call('HGET', KEYS[1], field)
if previous == ARGV[2] then return {0, previous} end
redis.call('HSET', KEYS[1], field, ARGV[2], field .. ':version', ARGV[3])
if previous == false then return {1, ''} end
return {1, previous}
`;

export interface LiveUser {
  userId: string;
  state: RawUserState;
  plan?: string;
  country?: string;
  lastEventId?: string;
  lastMessageId?: string;
  /** Current segment per model (rfm, kmeans, churn) as stored with the features. */
  segments: Record<string, string>;
}

export type SegmentSwap =
  { kind: 'changed'; previous: string | null } | { kind: 'unchanged' } | { kind: 'gone' };

const num = (value: string | undefined): number => (value === undefined ? 0 : Number(value));

@Injectable()
export class LiveFeatureStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
  ) {
    this.prefix = `${config.SEGMENTATION_REDIS_PREFIX}seg:`;
  }

  userKey(userId: string): string {
    return `${this.prefix}user:${userId}`;
  }

  private daysKey(userId: string): string {
    return `${this.prefix}user:${userId}:days`;
  }

  private get dirtyKey(): string {
    return `${this.prefix}dirty`;
  }

  /** Returns false when the eventId was already applied (a redelivery). */
  async apply(eventId: string, messageId: string, facts: EventFacts): Promise<boolean> {
    const applied = await this.redis.eval(
      applyEventScript,
      5,
      this.userKey(facts.userId),
      this.daysKey(facts.userId),
      `${this.prefix}seen:${eventId}`,
      `${this.prefix}clock`,
      this.dirtyKey,
      this.config.SEGMENTATION_DEDUPE_TTL_SECONDS,
      facts.eventTimeMs,
      dayOf(facts.eventTimeMs),
      facts.orders,
      facts.revenue,
      facts.sessions,
      facts.sessionSeconds,
      facts.pageViews,
      facts.signedUpAtMs ?? '',
      facts.plan ?? '',
      facts.country ?? '',
      facts.userId,
      eventId,
      messageId,
    );
    return applied === 1;
  }

  /** The clock features are measured against: the latest event time seen, or the wall clock. */
  async now(): Promise<number> {
    if (this.config.SEGMENTATION_CLOCK === 'wall') return Date.now();
    const clock = await this.redis.get(`${this.prefix}clock`);
    return clock === null ? Date.now() : Number(clock);
  }

  /** Takes up to `limit` users marked dirty since the last flush (each replica takes its own). */
  async takeDirty(limit: number): Promise<string[]> {
    return this.redis.spop(this.dirtyKey, limit);
  }

  async markDirty(userIds: readonly string[]): Promise<void> {
    if (userIds.length > 0) await this.redis.sadd(this.dirtyKey, ...userIds);
  }

  async load(userIds: readonly string[]): Promise<LiveUser[]> {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) pipeline.hgetall(this.userKey(userId)).hgetall(this.daysKey(userId));
    const replies = (await pipeline.exec()) ?? [];
    const users: LiveUser[] = [];
    userIds.forEach((userId, i) => {
      const [userError, hash] = replies[2 * i]!;
      const [daysError, days] = replies[2 * i + 1]!;
      if (userError) throw userError;
      if (daysError) throw daysError;
      const fields = hash as Record<string, string>;
      if (fields.lastEventAt === undefined) return;
      const ordersByDay = new Map<number, number>();
      const pageViewsByDay = new Map<number, number>();
      for (const [field, count] of Object.entries(days as Record<string, string>)) {
        const day = Number(field.slice(2));
        (field.startsWith('o:') ? ordersByDay : pageViewsByDay).set(day, Number(count));
      }
      const segments: Record<string, string> = {};
      for (const [field, value] of Object.entries(fields))
        if (field.startsWith('seg:') && !field.endsWith(':version')) segments[field.slice(4)] = value;
      users.push({
        userId,
        state: {
          firstSeenAtMs: num(fields.firstSeenAt),
          lastEventAtMs: num(fields.lastEventAt),
          orders: num(fields.orders),
          revenue: num(fields.revenue),
          sessions: num(fields.sessions),
          sessionSeconds: num(fields.sessionSeconds),
          pageViews: num(fields.pageViews),
          signedUpAtMs: fields.signedUpAt === undefined ? undefined : Number(fields.signedUpAt),
          ordersByDay,
          pageViewsByDay,
        },
        plan: fields.plan,
        country: fields.country,
        lastEventId: fields.lastEventId,
        lastMessageId: fields.lastMessageId,
        segments,
      });
    });
    return users;
  }

  async swapSegment(userId: string, model: string, segment: string, version: string): Promise<SegmentSwap> {
    const [code, previous] = (await this.redis.eval(
      setSegmentScript,
      1,
      this.userKey(userId),
      model,
      segment,
      version,
    )) as [number, string];
    if (code === -1) return { kind: 'gone' };
    if (code === 0) return { kind: 'unchanged' };
    return { kind: 'changed', previous: previous === '' ? null : previous };
  }

  /** Removes everything Redis holds about the user (the dedupe claims expire on their own). */
  async deleteUser(userId: string): Promise<Record<string, string>> {
    const [segments] = await this.load([userId]).then((users) => users.map((u) => u.segments));
    await this.redis
      .multi()
      .del(this.userKey(userId), this.daysKey(userId))
      .srem(this.dirtyKey, userId)
      .exec();
    return segments ?? {};
  }
}
