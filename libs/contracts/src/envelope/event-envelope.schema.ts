import { z } from 'zod';
import { isoDateTime, jsonObject, userIdentifier } from '../common';
import { callTypes } from '../tracking/tracking-calls.schema';

/**
 * What ingest writes to `userops.events.v1` for every accepted call: the Segment call normalised
 * to one shape, with ingest's enrichment. Keyed by `userId ?? anonymousId`.
 */
export const eventEnvelope = z
  .object({
    schemaVersion: z.literal(1),
    /** Unique per accepted event; consumers use it as their idempotency key. */
    eventId: z.uuid(),
    /** The client's messageId (or one ingest generated); Segment's dedupe key. */
    messageId: z.string().min(1),
    sourceId: z.string().min(1),
    type: z.enum(callTypes),
    userId: userIdentifier.optional(),
    anonymousId: userIdentifier.optional(),
    /** track: the event name; page/screen: the page or screen name. */
    event: z.string().optional(),
    name: z.string().optional(),
    properties: jsonObject.default({}),
    traits: jsonObject.default({}),
    context: jsonObject.default({}),
    groupId: z.string().optional(),
    previousId: z.string().optional(),
    /** Event time after Segment's clock-skew correction: receivedAt - (sentAt - originalTimestamp). */
    timestamp: isoDateTime,
    /** The timestamp the client sent, before correction. */
    originalTimestamp: isoDateTime.optional(),
    sentAt: isoDateTime.optional(),
    receivedAt: isoDateTime,
  })
  .refine((envelope) => envelope.userId !== undefined || envelope.anonymousId !== undefined, {
    path: ['userId'],
    message: 'userId or anonymousId is required',
  });

export type EventEnvelope = z.output<typeof eventEnvelope>;

/** The Kafka key of an event: per-user ordering comes from keying by user. */
export function eventKeyOf(envelope: Pick<EventEnvelope, 'userId' | 'anonymousId'>): string {
  const key = envelope.userId ?? envelope.anonymousId;
  if (key === undefined) throw new Error('an event needs userId or anonymousId to be keyed');
  return key;
}
