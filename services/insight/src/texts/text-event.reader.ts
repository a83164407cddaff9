import type { EventEnvelope } from '@userops/contracts';

/** The text an event carries, if it carries one: `properties.text` on any call type. */
export interface CarriedText {
  /** userId, or anonymousId for visitors who never identified (outbound events need a subject). */
  userId: string;
  /** As sent; may be anything JSON holds, the analyser's guard decides whether it is text. */
  text: unknown;
  eventName: string | null;
}

/**
 * Feedback Submitted, Review Submitted, Support Ticket Created or any other event with a
 * `properties.text` key. The key's presence decides, not the event name, so products can send
 * text from their own events; a present but non-string value is recorded as rejected.
 */
export function carriedText(envelope: EventEnvelope): CarriedText | undefined {
  if (!Object.prototype.hasOwnProperty.call(envelope.properties, 'text')) return undefined;
  const userId = envelope.userId ?? envelope.anonymousId;
  if (userId === undefined) return undefined; // the envelope schema refuses this; kept for the type
  return { userId, text: envelope.properties.text, eventName: envelope.event ?? envelope.name ?? null };
}
