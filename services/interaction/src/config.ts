import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

/**
 * A rule "on segment-changed into `segment` (model `model`), decide at `decisionPoint`", as JSON:
 * INTERACTION_RULES='[{"name":"retain","model":"rfm","segment":"At Risk","decisionPoint":"retention-offer"}]'.
 */
export const segmentRule = z.object({
  name: z.string().min(1),
  model: z.enum(['rfm', 'kmeans', 'churn']),
  segment: z.string().min(1),
  decisionPoint: z.string().min(1),
});
export type SegmentRule = z.output<typeof segmentRule>;

const rulesVariable = z
  .string()
  .default('[]')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of rules' });
      return z.NEVER;
    }
  })
  .pipe(z.array(segmentRule));

/** interaction's settings, parsed once from the environment at start-up (see README: Configuration). */
export const interactionConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3003),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('interaction'),
  /**
   * Bearer token of the admin API (/v1/admin/...), at least 16 characters. Unset disables the
   * admin API (it answers 403), so a forgotten setting never leaves it open.
   */
  INTERACTION_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Consumer group of the events topic; the other streams use `<group>.profiles|insights|rules|deletions`. */
  INTERACTION_CONSUMER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"')
    .default('interaction'),
  INTERACTION_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Namespace of interaction's Redis keys (policy state, locks). */
  INTERACTION_REDIS_PREFIX: z.string().min(1).default('interaction:'),
  /** Period of the timer that closes decisions whose reward window has passed. */
  INTERACTION_CLOSE_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  /**
   * A decision closes this long after its reward window ends, so a reward received in time
   * (judged by its receivedAt) but still queued in Kafka is joined rather than lost.
   */
  INTERACTION_CLOSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** A policy snapshot is written to Postgres every this many policy updates. */
  INTERACTION_SNAPSHOT_EVERY: z.coerce.number().int().min(1).default(100),
  INTERACTION_RULES: rulesVariable,
});

export type InteractionConfig = z.output<typeof interactionConfigSchema>;
