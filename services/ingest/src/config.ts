import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

/** ingest's settings, parsed once from the environment at start-up (see README: Configuration). */
export const ingestConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3000),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('ingest'),
  /** Bearer token of the admin API (sources, keys, user deletion); unset disables that API. */
  INGEST_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Creates (once) a source named "default" with this write key, for local runs and demos. */
  INGEST_BOOTSTRAP_WRITE_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Requests per second per source; 0 turns the limit off. */
  INGEST_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(1000),
  /** Window in which a repeated messageId from the same source is acknowledged but not re-published (Segment: 24 h). */
  INGEST_DEDUPE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(86_400),
  /** A Kafka write not acknowledged in this time gets the client a 503. */
  INGEST_KAFKA_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Kafka writes allowed to wait at once; beyond it clients get 503 (load shedding, bounded memory). */
  INGEST_MAX_PENDING_SENDS: z.coerce.number().int().min(1).default(2000),
  /** Retry-After (seconds) sent with 503 responses. */
  INGEST_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(5),
});

export type IngestConfig = z.output<typeof ingestConfigSchema>;
