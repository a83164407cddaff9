import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';

export interface WriteKeyRow {
  id: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface SourceRow {
  id: string;
  name: string;
  createdAt: string;
  writeKeys: WriteKeyRow[];
}

/** Sources and hashed write keys in ingest's PostgreSQL schema. */
@Injectable()
export class SourcesRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insertSource(id: string, name: string): Promise<boolean> {
    const result = await this.pool.query(
      'insert into sources (id, name) values ($1, $2) on conflict (name) do nothing',
      [id, name],
    );
    return result.rowCount === 1;
  }

  async sourceIdByName(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>('select id from sources where name = $1', [name]);
    return rows[0]?.id;
  }

  async sourceExists(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('select 1 from sources where id = $1', [id]);
    return rowCount === 1;
  }

  async insertWriteKey(id: string, sourceId: string, hash: string, prefix: string): Promise<void> {
    await this.pool.query(
      'insert into write_keys (id, source_id, key_hash, key_prefix) values ($1, $2, $3, $4) on conflict (key_hash) do nothing',
      [id, sourceId, hash, prefix],
    );
  }

  /** The active key with this hash, if any. */
  async activeKeyByHash(hash: string): Promise<{ keyId: string; sourceId: string } | undefined> {
    const { rows } = await this.pool.query<{ keyId: string; sourceId: string }>(
      'select id as "keyId", source_id as "sourceId" from write_keys where key_hash = $1 and revoked_at is null',
      [hash],
    );
    return rows[0];
  }

  /** Marks the key revoked and returns its hash (to evict it from caches), or undefined if unknown. */
  async revokeKey(sourceId: string, keyId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ key_hash: string }>(
      'update write_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 and source_id = $2 returning key_hash',
      [keyId, sourceId],
    );
    return rows[0]?.key_hash;
  }

  async listSources(): Promise<SourceRow[]> {
    const { rows } = await this.pool.query<SourceRow>(`
      select s.id, s.name, s.created_at as "createdAt",
        coalesce(json_agg(json_build_object('id', k.id, 'prefix', k.key_prefix, 'createdAt', k.created_at, 'revokedAt', k.revoked_at)
          order by k.created_at) filter (where k.id is not null), '[]') as "writeKeys"
      from sources s left join write_keys k on k.source_id = s.id
      group by s.id order by s.created_at`);
    return rows;
  }
}
