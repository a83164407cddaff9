import { hash, randomUUID } from 'node:crypto';
import type { BatchItem, CallType, EventEnvelope, TrackingCall } from '@userops/contracts';
import { parse as parseUuid } from 'uuid';

// Namespace of userops event ids (uuid v5): the same source and messageId always give the same
// eventId, so a client's retry of an event Kafka already holds is recognised downstream.
const eventIdNamespace = Buffer.from(parseUuid('3d0f6c1e-8f5e-4b7a-9a43-5a2f0a6b9c11'));

// The hash input is the namespace followed by the name. It is written into one reused buffer that
// keeps the namespace at its start, and the digest is read as hex: allocating an input buffer and
// a digest Buffer per event cost three times the hashing itself.
let hashInput = Buffer.alloc(1024);
eventIdNamespace.copy(hashInput, 0);

/** The variant nibble of an RFC 4122 UUID: the top two bits of byte 8 set to 10. */
const variantNibble = (hexDigit: string) => ((Number.parseInt(hexDigit, 16) & 0x3) | 0x8).toString(16);

/**
 * RFC 4122 §4.3 name-based (SHA-1) UUID with Node's native SHA-1: the `uuid` package hashes in
 * JavaScript, which was a tenth of ingest's CPU per event. Same output as uuid's v5 (see spec).
 */
export function eventIdOf(sourceId: string, messageId: string): string {
  const name = `${sourceId}\u0000${messageId}`;
  const inputBytes = eventIdNamespace.length + Buffer.byteLength(name);
  if (inputBytes > hashInput.length) {
    hashInput = Buffer.alloc(inputBytes * 2);
    eventIdNamespace.copy(hashInput, 0);
  }
  hashInput.write(name, eventIdNamespace.length);
  const hex = hash('sha1', hashInput.subarray(0, inputBytes), 'hex');
  // Version 5 in the high nibble of byte 6 (hex digit 12), the variant in byte 8 (hex digit 16).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variantNibble(hex[16]!)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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
export function correctedTimestamp(
  receivedAt: Date,
  timestamp: string | undefined,
  sentAt: string | undefined,
): Date {
  if (!timestamp) return receivedAt;
  const original = Date.parse(timestamp);
  if (!sentAt) return new Date(original);
  const skew = Date.parse(sentAt) - receivedAt.getTime();
  return new Date(original - skew);
}

/** Normalises one validated call into the envelope ingest writes to userops.events.v1. */
export function buildEnvelope(
  call: TrackingCall | BatchItem,
  type: CallType,
  reception: Reception,
): EventEnvelope {
  const messageId = call.messageId ?? `userops-${randomUUID()}`;
  const sentAt = call.sentAt ?? reception.batchSentAt;
  const fields = call as Record<string, unknown>;
  const envelope: EventEnvelope = {
    schemaVersion: 1,
    eventId: eventIdOf(reception.sourceId, messageId),
    messageId,
    sourceId: reception.sourceId,
    type,
    properties: (fields.properties as Record<string, unknown> | undefined) ?? {},
    traits: (fields.traits as Record<string, unknown> | undefined) ?? {},
    context: reception.batchContext ? { ...reception.batchContext, ...call.context } : (call.context ?? {}),
    timestamp: correctedTimestamp(reception.receivedAt, call.timestamp, sentAt).toISOString(),
    receivedAt: reception.receivedAt.toISOString(),
  };
  // Optional fields are set only when present (JSON would drop undefined anyway; this keeps the
  // object's shape stable instead of deleting keys afterwards, which is slow in V8).
  if (call.userId !== undefined) envelope.userId = call.userId;
  if (call.anonymousId !== undefined) envelope.anonymousId = call.anonymousId;
  if (call.timestamp !== undefined) envelope.originalTimestamp = call.timestamp;
  if (sentAt !== undefined) envelope.sentAt = sentAt;
  if (type === 'track') envelope.event = fields.event as string;
  if ((type === 'page' || type === 'screen') && fields.name !== undefined)
    envelope.name = fields.name as string;
  if (type === 'group') envelope.groupId = fields.groupId as string;
  if (type === 'alias') envelope.previousId = fields.previousId as string;
  return envelope;
}
