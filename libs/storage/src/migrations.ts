import runner from 'node-pg-migrate';
import type { Pool } from 'pg';

export interface MigrationOptions {
  pool: Pool;
  /** Folder of SQL migration files (`<timestamp>_<name>.sql`, with `-- Up Migration` / `-- Down Migration`). */
  dir: string;
  /** Schema the service owns; created when missing. */
  schema: string;
  log?: (message: string) => void;
}

/**
 * Applies pending migrations (node-pg-migrate, under its advisory lock so replicas starting
 * together do not race). Idempotent: applied migrations are recorded in the schema's pgmigrations.
 */
export async function migrateUp(options: MigrationOptions, waitForLockMs = 60_000): Promise<string[]> {
  // node-pg-migrate fails at once when another process holds its lock (another service or replica
  // migrating the same database); wait for it rather than fail the start.
  const deadline = Date.now() + waitForLockMs;
  for (;;) {
    try {
      return await runMigrations(options);
    } catch (error) {
      if (!/Another migration is already running/.test((error as Error).message) || Date.now() > deadline)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 300));
    }
  }
}

async function runMigrations({ pool, dir, schema, log }: MigrationOptions): Promise<string[]> {
  const client = await pool.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      schema,
      createSchema: true,
      checkOrder: true,
      log: log ?? (() => undefined),
      verbose: false,
    });
    return applied.map((migration) => migration.name);
  } finally {
    client.release();
  }
}
