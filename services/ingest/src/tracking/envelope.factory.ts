import type { BatchItem, CallType, EventEnvelope, TrackingCall } from '@userops/contracts';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';

// Namespace of userops event ids (uuid v5): the same source and messageId always give the same
// eventId, so a client's retry of an event Kafka already holds is recognised downstream.
const eventIdNamespace = '3d0f6c1e-8f5e-4b7a-9a43-5a2f0a6b9c11';

export interface Reception {
  sourceId: string;
  receivedAt: Date;
  /** sentAt of the enclosing batch, when the call came in one. */
  batchSentAt?: string;
  /** context of the enclosing batch, merged under the call's own. */
  batchContext?: Record<string, unknown>;
}

/**
 * Segment's clock-skew correction: the client's clock may be off, but the gap between its
 * timestamp and its sentAt is right, so timestamp = receivedAt - (sentAt - timestamp).
 */
export function correctedTimestamp(receivedAt: Date, timestamp: string | undefined, sentAt: string | undefined): Date {
  if (!timestamp) return receivedAt;
  const original = Date.parse(timestamp);
  if (!sentAt) return new Date(original);
  const skew = Date.parse(sentAt) - receivedAt.getTime();
  return new Date(original - skew);
}

/** Normalises one validated call into the envelope ingest writes to userops.events.v1. */
export function buildEnvelope(call: TrackingCall | BatchItem, type: CallType, reception: Reception): EventEnvelope {
  const messageId = call.messageId ?? `userops-${uuidv4()}`;
  const sentAt = call.sentAt ?? reception.batchSentAt;
  const fields = call as Record<string, unknown>;
  const envelope: EventEnvelope = {
    schemaVersion: 1,
    eventId: uuidv5(`${reception.sourceId}\u0000${messageId}`, eventIdNamespace),
    messageId,
    sourceId: reception.sourceId,
    type,
    userId: call.userId,
    anonymousId: call.anonymousId,
    properties: (fields.properties as Record<string, unknown> | undefined) ?? {},
    traits: (fields.traits as Record<string, unknown> | undefined) ?? {},
    context: { ...reception.batchContext, ...call.context },
    timestamp: correctedTimestamp(reception.receivedAt, call.timestamp, sentAt).toISOString(),
    originalTimestamp: call.timestamp,
    sentAt,
    receivedAt: reception.receivedAt.toISOString(),
  };
  if (type === 'track') envelope.event = fields.event as string;
  if (type === 'page' || type === 'screen') envelope.name = fields.name as string | undefined;
  if (type === 'group') envelope.groupId = fields.groupId as string;
  if (type === 'alias') envelope.previousId = fields.previousId as string;
  return stripUndefined(envelope);
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
