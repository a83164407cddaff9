import { z } from 'zod';
import { outboundMetadata } from '../common';

export const segmentModels = ['rfm', 'kmeans', 'churn'] as const;

/** Emitted by segmentation only when a user's segment under one model actually changes. */
export const segmentChangedEvent = z.object({
  ...outboundMetadata,
  model: z.enum(segmentModels),
  modelVersion: z.string().min(1),
  /** null when the user had no segment under this model before. */
  previous: z.string().nullable(),
  /** null when the user leaves every segment of this model (e.g. deletion). */
  current: z.string().nullable(),
  /** The feature values that drove the assignment, in original units. */
  features: z.record(z.string(), z.number()),
  reason: z.string().min(1),
});
export type SegmentChangedEvent = z.output<typeof segmentChangedEvent>;
