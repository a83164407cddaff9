import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import { LiveFeatureStore } from '../features/live-feature.store';

export interface OutboxEntry {
  /** The stream id: the order the swaps happened in, which is the order the events are sent in. */
  id: string;
  fields: string[];
}

/** Takes the relay lease, or renews it when this relay already holds it. */
const holdLeaseScript = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

const releaseLeaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * The Redis stream of segment-changed events recorded by the segment swaps (LiveFeatureStore) and
 * not yet acknowledged by Kafka, and the lease that lets one replica at a time relay it, so the
 * events leave in the order the swaps happened and two replicas do not send the same entries.
 */
@Injectable()
export class SegmentChangeOutbox {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly store: LiveFeatureStore,
  ) {}

  private get leaseKey(): string {
    return `${this.store.outboxKey}:relay`;
  }

  /** The oldest `limit` entries. */
  async oldest(limit: number): Promise<OutboxEntry[]> {
    const entries = await this.redis.xrange(this.store.outboxKey, '-', '+', 'COUNT', limit);
    return entries.map(([id, fields]) => ({ id, fields }));
  }

  /** Removes entries whose events Kafka acknowledged (or that can never be sent). */
  async acknowledge(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.redis.xdel(this.store.outboxKey, ...ids);
  }

  async pending(): Promise<number> {
    return this.redis.xlen(this.store.outboxKey);
  }

  async holdLease(holder: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.eval(holdLeaseScript, 1, this.leaseKey, holder, leaseMs)) === 1;
  }

  async releaseLease(holder: string): Promise<void> {
    await this.redis.eval(releaseLeaseScript, 1, this.leaseKey, holder);
  }
}
