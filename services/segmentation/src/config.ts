import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

/** segmentation's settings, parsed once from the environment at start-up (see README: Configuration). */
export const segmentationConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3001),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('segmentation'),
});

export type SegmentationConfig = z.output<typeof segmentationConfigSchema>;
