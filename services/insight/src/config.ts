import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

/** insight's settings, parsed once from the environment at start-up (see README: Configuration). */
export const insightConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3002),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('insight'),
});

export type InsightConfig = z.output<typeof insightConfigSchema>;
