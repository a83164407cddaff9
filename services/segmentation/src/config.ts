import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

const milliseconds = z.coerce.number().int().min(0);

/** segmentation's settings, parsed once from the environment at start-up (see README: Configuration). */
export const segmentationConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3001),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('segmentation'),
  /** Bearer token of the admin API (model retrains); unset disables that API. */
  SEGMENTATION_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Consumer group of the events topic; deletions use `<group>.deletions`, insights `<group>.insights`. */
  SEGMENTATION_CONSUMER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"')
    .default('segmentation'),
  /** Attempts per message (the first included) before a failing message is dead-lettered. */
  SEGMENTATION_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Prepended to every Redis key segmentation owns, e.g. `staging:`; lets environments share a Redis. */
  SEGMENTATION_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]*$/, 'may hold only letters, digits, ":", ".", "_" and "-"')
    .default(''),
  /** How long an eventId is remembered for deduplication (seconds); longer than any redelivery window. */
  SEGMENTATION_DEDUPE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 86_400),
  /** `event`: recency and windows against the latest event time seen (backfills match live); `wall`: Date.now(). */
  SEGMENTATION_CLOCK: z.enum(['event', 'wall']).default('event'),
  /** Length of the rolling windows (orders and page views in the last N days). */
  SEGMENTATION_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Period of the flush: dirty users are written to Postgres, re-tiered and published on
   * profiles.v1 once per period, so a user gets at most one profile record per period (plus one
   * for each segment change).
   */
  SEGMENTATION_FLUSH_INTERVAL_MS: milliseconds.min(50).default(5_000),
  /**
   * How often the outbox relay retries segment-changed events Kafka has not taken yet (a failed
   * send, or entries left by a replica that stopped); changes are otherwise sent right after they happen.
   */
  SEGMENTATION_OUTBOX_RELAY_INTERVAL_MS: milliseconds.min(50).default(1_000),
  /** How often the RFM quintile cut points are recomputed from the whole population (0: every flush). */
  SEGMENTATION_RFM_RECOMPUTE_INTERVAL_MS: milliseconds.default(10 * 60_000),
  /** Range of k the silhouette search tries at each k-means retrain. */
  SEGMENTATION_KMEANS_K_MIN: z.coerce.number().int().min(2).default(2),
  SEGMENTATION_KMEANS_K_MAX: z.coerce.number().int().min(2).max(50).default(8),
  SEGMENTATION_KMEANS_SEED: z.coerce.number().int().min(0).default(42),
  /** Mini-batch k-means above this many users; full Lloyd below. */
  SEGMENTATION_KMEANS_MINI_BATCH_ABOVE: z.coerce.number().int().min(100).default(20_000),
  /** Retrain k-means on this period (0: only on demand, POST /admin/models/kmeans/retrain). */
  SEGMENTATION_KMEANS_RETRAIN_INTERVAL_MS: milliseconds.default(0),
  /** Retrain k-means once this many users got their first profile since the last training (0: off). */
  SEGMENTATION_KMEANS_RETRAIN_AFTER_NEW_USERS: z.coerce.number().int().min(0).default(0),
  /** How often a replica looks for a newer model version stored by another replica. */
  SEGMENTATION_MODEL_POLL_INTERVAL_MS: milliseconds.min(100).default(30_000),
  /** Churn = no activity in this many days after the snapshot. */
  SEGMENTATION_CHURN_HORIZON_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Users whose churn probability is at or above this are in `predicted-churners`. */
  SEGMENTATION_CHURN_THRESHOLD: z.coerce.number().gt(0).lt(1).default(0.5),
});

export type SegmentationConfig = z.output<typeof segmentationConfigSchema>;
