import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { SegmentationConfig } from '../config';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';
import type { EventFacts } from './event-facts';
import { dayOf, type RawUserState } from './feature-math';
import { RedisScript } from './redis-script';

/**
 * Applies one event atomically: the dedupe claim (SET NX on the eventId), the counters, the
 * per-day buckets, the event-time clock and the dirty mark happen together or not at all, so a
 * redelivered event changes nothing and a crash never leaves a half-counted event. An event of a
 * forgotten user (KEYS[6]) changes nothing at all, not even the clock: it was accepted before the
 * user's deletion and reached us after it (events.v1 and user-deleted.v1 are not ordered).
 * Returns 1 applied, 0 duplicate, 2 forgotten.
 */
const applyEventScript = new RedisScript(`
if redis.call('SISMEMBER', KEYS[6], ARGV[12]) == 1 then return 2 end
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
`);

/**
 * Compare-and-set of a user's segment under one model: returns the previous segment when it
 * changed, so concurrent re-tiering (flush and population rescore, or two replicas) records each
 * change exactly once. A deleted user (no hash, or in the forgotten set KEYS[3]) is never
 * resurrected and gets nothing in the outbox.
 *
 * The change is appended to the outbox stream (KEYS[2]) in the same script: the segment and its
 * pending segment-changed event are written together or not at all, so a Kafka send that fails
 * after the swap cannot lose the event (the relay sends it later; see segment-change.relay.ts).
 * With ARGV[8] = '1' the event's cause is the user's latest applied event, read here so it is the
 * event that produced the features behind the change.
 */
const setSegmentScript = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('SISMEMBER', KEYS[3], ARGV[6]) == 1 then return {-1, ''} end
local field = 'seg:' .. ARGV[1]
local previous = redis.call('HGET', KEYS[1], field)
if previous == ARGV[2] then return {0, previous} end
redis.call('HSET', KEYS[1], field, ARGV[2], field .. ':version', ARGV[3])
local entry = {'eventId', ARGV[4], 'occurredAt', ARGV[5], 'userId', ARGV[6], 'model', ARGV[1], 'change', ARGV[7]}
if previous then
  entry[#entry + 1] = 'previous'
  entry[#entry + 1] = previous
end
if ARGV[8] == '1' then
  local cause = redis.call('HMGET', KEYS[1], 'lastMessageId', 'lastEventId')
  if cause[1] then
    entry[#entry + 1] = 'causeMessageId'
    entry[#entry + 1] = cause[1]
  end
  if cause[2] then
    entry[#entry + 1] = 'causeEventId'
    entry[#entry + 1] = cause[2]
  end
end
redis.call('XADD', KEYS[2], '*', unpack(entry))
if previous == false then return {1, ''} end
return {1, previous}
`);

/**
 * Erasure: removes the user's hashes and dirty mark and, in the same script, appends a change to
 * null to the outbox for every model the user had a segment in, so a failed send after the
 * deletion cannot lose those events (a redelivered user-deleted.v1 would find nothing to report),
 * and adds the user to the forgotten set (KEYS[5]), so an event or insight still in flight when
 * the deletion arrives cannot recreate the user (the apply scripts check it).
 * ARGV: occurredAt, change body, userId, then pairs of model and the eventId to use for it.
 */
const deleteUserScript = new RedisScript(`
local eventIds = {}
for i = 4, #ARGV, 2 do eventIds[ARGV[i]] = ARGV[i + 1] end
local fields = redis.call('HGETALL', KEYS[1])
local removed = {}
for i = 1, #fields, 2 do
  local name = fields[i]
  if string.sub(name, 1, 4) == 'seg:' and string.sub(name, -8) ~= ':version' then
    local model = string.sub(name, 5)
    if eventIds[model] then
      redis.call('XADD', KEYS[4], '*', 'eventId', eventIds[model], 'occurredAt', ARGV[1], 'userId', ARGV[3],
        'model', model, 'change', ARGV[2], 'previous', fields[i + 1])
      removed[#removed + 1] = model
    end
  end
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[3])
return removed
`);

/**
 * One analysed text's sentiment (insight.v1): the dedupe claim on the text's eventId, the running
 * sum and count and the dirty mark together, so a redelivered insight (or a second insight about
 * the same text) never counts twice. A forgotten user's insight (KEYS[4]) changes nothing.
 * Returns 1 applied, 0 duplicate, 2 forgotten.
 */
const applySentimentScript = new RedisScript(`
if redis.call('SISMEMBER', KEYS[4], ARGV[3]) == 1 then return 2 end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', tonumber(ARGV[1])) == false then return 0 end
redis.call('HINCRBYFLOAT', KEYS[1], 'sentimentSum', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'sentimentCount', 1)
redis.call('SADD', KEYS[3], ARGV[3])
return 1
`);

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

/** The segment-changed event a swap records in the outbox when it changes the segment. */
export interface PendingChangeRecord {
  eventId: string;
  occurredAt: string;
  /** JSON of the event body known before the swap (see outbox-entry.ts). */
  body: string;
  /** Take the cause from the user's latest applied event (true) or from the body (false). */
  causedByLatestEvent: boolean;
}

/** One event to apply to live features: its ids (the eventId is the dedupe key) and what it contributes. */
export interface FeatureEvent {
  eventId: string;
  messageId: string;
  facts: EventFacts;
}

/** What applying one event or insight did; `forgotten`: its user was deleted, nothing changed. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'forgotten';

const applyOutcomes: Readonly<Record<number, ApplyOutcome>> = {
  0: 'duplicate',
  1: 'applied',
  2: 'forgotten',
};

const applyOutcomeOf = (code: unknown): ApplyOutcome => {
  const outcome = applyOutcomes[code as number];
  if (outcome === undefined) throw new Error(`unexpected apply script result ${String(code)}`);
  return outcome;
};

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

  /**
   * Users erased by user-deleted.v1, added by the deletion script. Kept forever, like ingest's
   * suppression list: ingest never admits a deleted user's events again, so the only events that
   * can still arrive are ones accepted before the deletion, which may sit in events.v1 or insight.v1
   * for any time (a lagging or replayed consumer); an expiring entry would let them recreate the user.
   */
  private get forgottenKey(): string {
    return `${this.prefix}forgotten`;
  }

  /** The stream of segment-changed events recorded by a swap and not yet sent (see SegmentChangeOutbox). */
  get outboxKey(): string {
    return `${this.prefix}outbox`;
  }

  /** `duplicate` when the eventId was already applied (a redelivery), `forgotten` when its user was deleted. */
  async apply(eventId: string, messageId: string, facts: EventFacts): Promise<ApplyOutcome> {
    const { keys, args } = this.applyCall({ eventId, messageId, facts });
    return applyOutcomeOf(await applyEventScript.run(this.redis, keys, args));
  }

  /**
   * `apply` for several events in one Redis round trip: the same script per event, run in the
   * given order, with the same outcome for each as `apply` would give (a redelivered eventId,
   * even one repeated inside `events`, is `duplicate`). Throws if any event's script failed; the
   * others have run then, and applying them again gives `duplicate`, as for `apply`.
   */
  async applyMany(events: readonly FeatureEvent[]): Promise<ApplyOutcome[]> {
    const codes = await applyEventScript.runMany(
      this.redis,
      events.map((event) => this.applyCall(event)),
    );
    return codes.map(applyOutcomeOf);
  }

  private applyCall({ eventId, messageId, facts }: FeatureEvent): {
    keys: string[];
    args: Array<string | number>;
  } {
    return {
      keys: [
        this.userKey(facts.userId),
        this.daysKey(facts.userId),
        `${this.prefix}seen:${eventId}`,
        `${this.prefix}clock`,
        this.dirtyKey,
        this.forgottenKey,
      ],
      args: [
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
      ],
    };
  }

  /**
   * Adds one text's sentiment to the user's running average; `duplicate` when the text was already
   * counted, `forgotten` when its user was deleted.
   */
  async applySentiment(textEventId: string, userId: string, sentiment: number): Promise<ApplyOutcome> {
    const code = await applySentimentScript.run(
      this.redis,
      [this.userKey(userId), `${this.prefix}seen-text:${textEventId}`, this.dirtyKey, this.forgottenKey],
      [this.config.SEGMENTATION_DEDUPE_TTL_SECONDS, sentiment, userId],
    );
    return applyOutcomeOf(code);
  }

  /** The ones among `userIds` that were deleted (see forgottenKey). */
  async forgottenAmong(userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const flags = await this.redis.smismember(this.forgottenKey, ...userIds);
    return userIds.filter((_, i) => flags[i] === 1);
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
          sentimentSum: num(fields.sentimentSum),
          sentimentCount: num(fields.sentimentCount),
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

  /** Sets the user's segment under `model`, recording `pending` in the outbox when it changed. */
  async swapSegment(
    userId: string,
    model: string,
    segment: string,
    version: string,
    pending: PendingChangeRecord,
  ): Promise<SegmentSwap> {
    const [code, previous] = (await setSegmentScript.run(
      this.redis,
      [this.userKey(userId), this.outboxKey, this.forgottenKey],
      [
        model,
        segment,
        version,
        pending.eventId,
        pending.occurredAt,
        userId,
        pending.body,
        pending.causedByLatestEvent ? '1' : '0',
      ],
    )) as [number, string];
    if (code === -1) return { kind: 'gone' };
    if (code === 0) return { kind: 'unchanged' };
    return { kind: 'changed', previous: previous === '' ? null : previous };
  }

  /**
   * Removes everything Redis holds about the user (the dedupe claims expire on their own) and
   * records, atomically with it, one change to null per model the user was in and the user in the
   * forgotten set; `eventIds` names the eventId each model's change gets. Returns the models the
   * user was in.
   */
  async deleteUser(
    userId: string,
    removal: { occurredAt: string; body: string; eventIds: Readonly<Record<string, string>> },
  ): Promise<string[]> {
    return (await deleteUserScript.run(
      this.redis,
      [this.userKey(userId), this.daysKey(userId), this.dirtyKey, this.outboxKey, this.forgottenKey],
      [removal.occurredAt, removal.body, userId, ...Object.entries(removal.eventIds).flat()],
    )) as string[];
  }
}
