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
});

export type IngestConfig = z.output<typeof ingestConfigSchema>;
