import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import { v4 as uuidv4 } from 'uuid';
import { type SourceRow, SourcesRepository } from './sources.repository';
import { generateWriteKey, hashWriteKey } from './write-key';

export interface AuthenticatedSource {
  sourceId: string;
  keyId: string;
}

export interface IssuedWriteKey {
  id: string;
  /** Shown once; only its hash is stored. */
  key: string;
  prefix: string;
}

export class SourceNotFoundError extends Error {
  readonly code = 'SOURCE_NOT_FOUND';
  constructor(readonly sourceId: string) {
    super(`no source with id ${sourceId}; list sources with GET /admin/sources`);
  }
}

export class SourceNameTakenError extends Error {
  readonly code = 'SOURCE_NAME_TAKEN';
  constructor(readonly sourceName: string) {
    super(`a source named "${sourceName}" already exists; choose another name or add a key to it`);
  }
}

// Write keys resolve through Redis, shared by every replica: revoking deletes the cached entry, so
// the key stops working on all replicas at once, while valid keys rarely reach PostgreSQL.
const cacheKey = (hash: string) => `ingest:write-key:${hash}`;
const cacheSeconds = 300;

@Injectable()
export class SourcesService {
  constructor(
    private readonly repository: SourcesRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async authenticate(writeKey: string): Promise<AuthenticatedSource | undefined> {
    const hash = hashWriteKey(writeKey);
    const cached = await this.redis.get(cacheKey(hash));
    if (cached) return JSON.parse(cached) as AuthenticatedSource;
    const found = await this.repository.activeKeyByHash(hash);
    if (found) await this.redis.set(cacheKey(hash), JSON.stringify(found), 'EX', cacheSeconds);
    return found;
  }

  async createSource(name: string): Promise<{ id: string; name: string; writeKey: IssuedWriteKey }> {
    const id = uuidv4();
    if (!(await this.repository.insertSource(id, name))) throw new SourceNameTakenError(name);
    return { id, name, writeKey: await this.issueKey(id) };
  }

  async issueKey(sourceId: string): Promise<IssuedWriteKey> {
    if (!(await this.repository.sourceExists(sourceId))) throw new SourceNotFoundError(sourceId);
    const { key, hash, prefix } = generateWriteKey();
    const id = uuidv4();
    await this.repository.insertWriteKey(id, sourceId, hash, prefix);
    return { id, key, prefix };
  }

  /** Revokes a key everywhere at once (see cacheKey). Returns false when no such key exists. */
  async revokeKey(sourceId: string, keyId: string): Promise<boolean> {
    const hash = await this.repository.revokeKey(sourceId, keyId);
    if (!hash) return false;
    await this.redis.del(cacheKey(hash));
    return true;
  }

  listSources(): Promise<SourceRow[]> {
    return this.repository.listSources();
  }

  /** Makes sure a source named "default" accepts this key (INGEST_BOOTSTRAP_WRITE_KEY). */
  async ensureBootstrapKey(writeKey: string): Promise<void> {
    await this.repository.insertSource(uuidv4(), 'default');
    const sourceId = (await this.repository.sourceIdByName('default'))!;
    await this.repository.insertWriteKey(uuidv4(), sourceId, hashWriteKey(writeKey), writeKey.slice(0, 8));
  }
}
