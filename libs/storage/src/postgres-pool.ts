import { Pool, type PoolConfig } from 'pg';

export interface PostgresOptions {
  databaseUrl: string;
  /** Search path for every connection; services use their own schema, tests a unique one. */
  schema?: string;
  maxConnections?: number;
  applicationName?: string;
}

/** A pg pool whose connections all use the service's schema. */
export function createPostgresPool({
  databaseUrl,
  schema,
  maxConnections,
  applicationName,
}: PostgresOptions): Pool {
  const config: PoolConfig = {
    connectionString: databaseUrl,
    max: maxConnections ?? 10,
    application_name: applicationName,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  };
  if (schema) config.options = `-c search_path=${quoteIdentifier(schema)},public`;
  return new Pool(config);
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
