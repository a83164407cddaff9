import { z } from 'zod';
import { outboundMetadata } from '../common';

export const insightKinds = ['sentiment', 'topic', 'alert'] as const;

/** One analysed text (kind sentiment/topic) or an alert raised by a rule on it. */
export const insightEvent = z.object({
  ...outboundMetadata,
  kind: z.enum(insightKinds),
  /** eventId of the event that carried the text. */
  textEventId: z.string().min(1),
  sentiment: z.number().min(-1).max(1),
  topics: z.array(z.object({ label: z.string(), score: z.number().min(0).max(1) })),
  keywords: z.array(z.string()),
  segmentId: z.string().nullable(),
  /** Version of insight's topic model that assigned `topics` (0: the model shipped with insight). */
  topicModelVersion: z.number().int().min(0).optional(),
  /** Set when kind is 'alert': which rule fired. */
  alert: z.object({ rule: z.string().min(1), severity: z.enum(['info', 'warning', 'critical']) }).optional(),
});
export type InsightEvent = z.output<typeof insightEvent>;
