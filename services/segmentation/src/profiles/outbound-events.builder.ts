import { type SegmentChangedEvent, segmentModels, type UserProfile } from '@userops/contracts';
import { v4 as uuidv4 } from 'uuid';

export type SegmentModel = (typeof segmentModels)[number];

export interface SegmentChange {
  userId: string;
  model: SegmentModel;
  modelVersion: string;
  previous: string | null;
  current: string | null;
  features: Record<string, number>;
  reason: string;
  /** The ingest messageId and eventId of the user's latest event, when known. */
  cause?: { messageId?: string; eventId?: string };
}

/**
 * segment-changed.v1 with the chain metadata of CONVENTIONS: correlationId is the ingest
 * messageId that started the chain, causationId the envelope that caused it. A change with no
 * event behind it (a retrain) is its own correlation.
 */
export function buildSegmentChanged(
  change: SegmentChange,
  now: Date,
  newId: () => string = uuidv4,
): SegmentChangedEvent {
  const eventId = newId();
  return {
    eventId,
    occurredAt: now.toISOString(),
    userId: change.userId,
    schemaVersion: 1,
    correlationId: change.cause?.messageId ?? eventId,
    causationId: change.cause?.eventId ?? change.cause?.messageId ?? eventId,
    model: change.model,
    modelVersion: change.modelVersion,
    previous: change.previous,
    current: change.current,
    features: change.features,
    reason: change.reason,
  };
}

export function buildProfile(
  userId: string,
  features: Record<string, number>,
  segments: Record<string, string>,
  now: Date,
): UserProfile {
  const known: Partial<Record<SegmentModel, string>> = {};
  for (const model of segmentModels) if (segments[model] !== undefined) known[model] = segments[model];
  return { schemaVersion: 1, userId, features, segments: known, updatedAt: now.toISOString() };
}
