import { randomBytes } from 'node:crypto';

/** A name no other test (or earlier run) uses: topics, groups, schemas and key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** uniqueName in the form PostgreSQL accepts unquoted as a schema name. */
export function uniqueSchemaName(prefix: string): string {
  return uniqueName(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
}
