import { segmentChangedEvent, type SegmentChangedEvent, problemsOf } from '@userops/contracts';
import {
  buildSegmentChanged,
  type SegmentChange,
  type SegmentModel,
} from '../profiles/outbound-events.builder';

/**
 * The part of a segment-changed event known before the compare-and-set. The swap script adds
 * what only it knows (the previous segment and, for changes caused by the user's own events,
 * that event's ids) as separate fields of the outbox entry.
 */
export interface PendingChangeBody {
  modelVersion: string;
  current: string | null;
  features: Record<string, number>;
  reason: string;
  /** Set when the cause is known up front ({} for a retrain, which is its own correlation). */
  cause?: { messageId?: string; eventId?: string };
}

export function encodePendingChangeBody(body: PendingChangeBody): string {
  return JSON.stringify(body);
}

export type DecodedOutboxEntry = { ok: true; event: SegmentChangedEvent } | { ok: false; problem: string };

/**
 * An outbox stream entry (flat field/value list, as XRANGE returns it) back into the
 * segment-changed event it stands for, with the eventId and occurredAt fixed at the swap, so a
 * resend after a failed or uncertain send carries the same eventId and consumers can drop it.
 */
export function decodeOutboxEntry(flatFields: readonly string[]): DecodedOutboxEntry {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flatFields.length; i += 2) fields.set(flatFields[i]!, flatFields[i + 1]!);
  const eventId = fields.get('eventId');
  const occurredAt = fields.get('occurredAt');
  const userId = fields.get('userId');
  const model = fields.get('model');
  const rawBody = fields.get('change');
  if (!eventId || !occurredAt || !userId || !model || !rawBody)
    return { ok: false, problem: 'missing one of eventId, occurredAt, userId, model, change' };
  let body: PendingChangeBody;
  try {
    body = JSON.parse(rawBody) as PendingChangeBody;
  } catch (error) {
    return { ok: false, problem: `change is not JSON: ${(error as Error).message}` };
  }
  const change: SegmentChange = {
    userId,
    model: model as SegmentModel,
    modelVersion: body.modelVersion,
    previous: fields.get('previous') ?? null,
    current: body.current,
    features: body.features,
    reason: body.reason,
    cause: body.cause ?? { messageId: fields.get('causeMessageId'), eventId: fields.get('causeEventId') },
  };
  const parsed = segmentChangedEvent.safeParse(
    buildSegmentChanged(change, new Date(occurredAt), () => eventId),
  );
  if (!parsed.success)
    return {
      ok: false,
      problem: problemsOf(parsed.error)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; '),
    };
  return { ok: true, event: parsed.data };
}
