import type { EventEnvelope, InsightEvent } from '@userops/contracts';
import { v4 as uuidv4 } from 'uuid';
import type { FiredAlert } from '../alerts/alert.rules';

export interface AnalysedTextFacts {
  userId: string;
  sentiment: number;
  topics: ReadonlyArray<{ label: string; score: number }>;
  keywords: readonly string[];
  segmentId: string;
  /** The topic model version that assigned `topics` (0: the shipped model). */
  topicModelVersion: number;
}

/**
 * One `sentiment` insight per analysed text plus one `alert` insight per fired rule. The chain
 * metadata follows CONVENTIONS: correlationId is the ingest messageId that started the chain,
 * causationId the envelope that carried the text.
 */
export function buildInsightEvents(
  envelope: Pick<EventEnvelope, 'eventId' | 'messageId'>,
  facts: AnalysedTextFacts,
  alerts: readonly FiredAlert[],
  now: Date = new Date(),
  newId: () => string = uuidv4,
): InsightEvent[] {
  const base = {
    occurredAt: now.toISOString(),
    userId: facts.userId,
    schemaVersion: 1 as const,
    correlationId: envelope.messageId,
    causationId: envelope.eventId,
    textEventId: envelope.eventId,
    // Clamped because the contract bounds it; the analyser already keeps it in [−1, 1].
    sentiment: Math.max(-1, Math.min(1, facts.sentiment)),
    topics: facts.topics.map((topic) => ({ label: topic.label, score: topic.score })),
    keywords: [...facts.keywords],
    segmentId: facts.segmentId,
    topicModelVersion: facts.topicModelVersion,
  };
  return [
    { ...base, eventId: newId(), kind: 'sentiment' },
    ...alerts.map((alert): InsightEvent => ({
      ...base,
      eventId: newId(),
      kind: 'alert',
      alert: { rule: alert.rule, severity: alert.severity },
    })),
  ];
}
