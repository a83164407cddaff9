import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PG_POOL, REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { Pool } from 'pg';

const suppressedKey = 'ingest:suppressed-users';

/**
 * Users whose deletion was requested. PostgreSQL is the record; Redis holds the set every replica
 * checks per event, refilled from PostgreSQL on start in case Redis lost it.
 */
@Injectable()
export class SuppressionStore implements OnApplicationBootstrap {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { rows } = await this.pool.query<{ user_id: string }>('select user_id from deleted_users');
    for (let i = 0; i < rows.length; i += 1000) {
      await this.redis.sadd(suppressedKey, ...rows.slice(i, i + 1000).map((r) => r.user_id));
    }
  }

  async suppress(userId: string, requestedBy: string): Promise<void> {
    await this.pool.query(
      'insert into deleted_users (user_id, requested_by) values ($1, $2) on conflict do nothing',
      [userId, requestedBy],
    );
    await this.redis.sadd(suppressedKey, userId);
  }

  /** For each user id, whether it is suppressed (undefined ids never are). */
  async suppressed(userIds: Array<string | undefined>): Promise<boolean[]> {
    const known = userIds.filter((id): id is string => id !== undefined);
    if (known.length === 0) return userIds.map(() => false);
    const flags = await this.redis.smismember(suppressedKey, ...known);
    const byId = new Map(known.map((id, i) => [id, flags[i] === 1]));
    return userIds.map((id) => (id === undefined ? false : (byId.get(id) ?? false)));
  }
}
