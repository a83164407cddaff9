import { randomUUID } from 'node:crypto';
import type { EventEnvelope, UserDeletedEvent } from '@userops/contracts';
import { uniqueName } from './naming';

/**
 * An event as ingest puts it on userops.events.v1, for tests that feed a consumer directly: a
 * track call at the current time with a fresh eventId and messageId, unless `fields` says otherwise.
 */
export function testEnvelope(userId: string, fields: Partial<EventEnvelope> = {}): EventEnvelope {
  const now = new Date().toISOString();
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    messageId: uniqueName('msg'),
    sourceId: 'test-source',
    type: 'track',
    userId,
    properties: {},
    traits: {},
    context: {},
    timestamp: now,
    receivedAt: now,
    ...fields,
  };
}

/** A user-deleted.v1 message as ingest publishes it for an admin's deletion. */
export function testUserDeletion(userId: string, eventId: string = randomUUID()): UserDeletedEvent {
  return {
    schemaVersion: 1,
    eventId,
    occurredAt: new Date().toISOString(),
    correlationId: eventId,
    causationId: eventId,
    userId,
    requestedBy: 'test',
  };
}
