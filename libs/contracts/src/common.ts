import { z } from 'zod';

/** ISO 8601 date-time with a zone (`Z` or an offset), as Segment's SDKs send. */
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-12-04T12:00:00.000Z',
});

export const jsonObject = z.record(z.string(), z.unknown());

export const userIdentifier = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters');

/** Fields every outbound userops event carries (see DESIGN.md, Contracts). */
export const outboundMetadata = {
  eventId: z.uuid(),
  occurredAt: isoDateTime,
  userId: userIdentifier,
  schemaVersion: z.literal(1),
  /** The ingest messageId that started the chain of events. */
  correlationId: z.string().min(1),
  /** The eventId (or messageId) of the event that directly caused this one. */
  causationId: z.string().min(1),
};
