import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

/** interaction's settings, parsed once from the environment at start-up (see README: Configuration). */
export const interactionConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3003),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('interaction'),
});

export type InteractionConfig = z.output<typeof interactionConfigSchema>;
