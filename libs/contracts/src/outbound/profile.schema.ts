import { z } from 'zod';
import { isoDateTime, userIdentifier } from '../common';
import { segmentModels } from './segment-changed.schema';

/**
 * Value of the compacted `userops.profiles.v1` topic, keyed by userId: the user's latest
 * features and segments. A null value (tombstone) follows the user's deletion.
 */
export const userProfile = z.object({
  schemaVersion: z.literal(1),
  userId: userIdentifier,
  features: z.record(z.string(), z.number()),
  segments: z.partialRecord(z.enum(segmentModels), z.string().nullable()),
  updatedAt: isoDateTime,
});
export type UserProfile = z.output<typeof userProfile>;
