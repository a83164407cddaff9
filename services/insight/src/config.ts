import { baseEnvironment, portVariable } from '@userops/service-host';
import { z } from 'zod';

const polarity = z.coerce.number().min(-1).max(1);
const probability = z.coerce.number().min(0).max(1);

/** insight's settings, parsed once from the environment at start-up (see README: Configuration). */
export const insightConfigSchema = z.object({
  ...baseEnvironment,
  PORT: portVariable(3002),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('insight'),
  /** Consumer group of the events topic; the projections use `<group>.segments` and `<group>.deletions`. */
  INSIGHT_CONSUMER_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"')
    .default('insight'),
  /** Attempts per message (the first included) before a failing message is dead-lettered. */
  INSIGHT_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Which segmentation model's current segment a text is counted under. */
  INSIGHT_SEGMENT_MODEL: z.enum(['rfm', 'kmeans']).default('rfm'),
  /** Texts over this many UTF-8 bytes are recorded as rejected (TEXT_TOO_LARGE), not analysed. */
  INSIGHT_MAX_TEXT_BYTES: z.coerce.number().int().min(1).max(1_048_576).default(32_768),
  /** Weight of the newest text in the sentiment EWMA; higher reacts faster and forgets sooner. */
  INSIGHT_EWMA_ALPHA: z.coerce.number().gt(0).max(1).default(0.2),
  /** negative-feedback fires when a text's sentiment is at or below this. */
  INSIGHT_NEGATIVE_SENTIMENT_THRESHOLD: polarity.default(-0.3),
  /** churn-signal fires for a cancel/refund/leave text whose sentiment is at or below this. */
  INSIGHT_CHURN_SENTIMENT_THRESHOLD: polarity.default(0.1),
  /** churn-signal also fires when a user's sentiment trend (EWMA − mean) is at or below this… */
  INSIGHT_CHURN_TREND_THRESHOLD: z.coerce.number().min(-2).max(0).default(-0.4),
  /** …once the user has written at least this many texts (a trend of one or two texts is noise). */
  INSIGHT_CHURN_TREND_MIN_TEXTS: z.coerce.number().int().min(2).default(3),
  /** feature-request fires when the feature-request topic's probability is at or above this. */
  INSIGHT_FEATURE_REQUEST_MIN_SCORE: probability.default(0.5),
  /** Prepended to every Redis key insight owns, e.g. `staging:`; lets environments share a Redis. */
  INSIGHT_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]*$/, 'may hold only letters, digits, ":", ".", "_" and "-"')
    .default(''),
  /** Most distinct keywords the shared corpus keeps; past it the rarest are forgotten (bounded memory). */
  INSIGHT_KEYWORD_MAX_TERMS: z.coerce.number().int().min(1000).max(10_000_000).default(200_000),
  /** Bearer token of the /admin API (topic examples and models); unset, the admin API answers 403. */
  INSIGHT_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How often each replica checks which topic model version is active, to hot-swap to it. */
  INSIGHT_TOPIC_MODEL_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /**
   * A retrain is refused (422) while any label has fewer examples than this, starter and team
   * examples together. At least 7: a quarter is held out and 5 must remain for cross-validation.
   */
  INSIGHT_TOPIC_MIN_EXAMPLES_PER_LABEL: z.coerce.number().int().min(7).max(1000).default(10),
});

export type InsightConfig = z.output<typeof insightConfigSchema>;
