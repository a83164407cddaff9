import { insightEvent } from '@userops/contracts';
import { buildInsightEvents } from './insight-event.builder';
import { carriedText } from './text-event.reader';

const envelope = {
  schemaVersion: 1 as const,
  eventId: '6f1c1c0e-8a8e-4a52-9d43-5d1c1c0e8a8e',
  messageId: 'msg-1',
  sourceId: 'src',
  type: 'track' as const,
  userId: 'u1',
  event: 'Feedback Submitted',
  properties: { text: 'Too expensive' },
  traits: {},
  context: {},
  timestamp: '2026-12-04T12:00:00.000Z',
  receivedAt: '2026-12-04T12:00:00.000Z',
};

describe('insight events of a text', () => {
  it('emit one sentiment event plus one alert per fired rule, with the chain metadata', () => {
    let next = 0;
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const events = buildInsightEvents(
      envelope,
      {
        userId: 'u1',
        sentiment: -0.7,
        topics: [{ label: 'pricing', score: 0.8 }],
        keywords: ['expensive'],
        segmentId: 'rfm:at-risk',
        topicModelVersion: 3,
      },
      [{ rule: 'negative-feedback', severity: 'warning', reason: 'x' }],
      new Date('2026-12-04T12:00:01.000Z'),
      () => ids[next++]!,
    );
    expect(events.map((e) => [e.kind, e.alert?.rule])).toEqual([
      ['sentiment', undefined],
      ['alert', 'negative-feedback'],
    ]);
    for (const event of events) {
      expect(insightEvent.parse(event)).toEqual(event);
      expect(event).toMatchObject({
        correlationId: 'msg-1',
        causationId: envelope.eventId,
        textEventId: envelope.eventId,
        segmentId: 'rfm:at-risk',
        topicModelVersion: 3,
      });
    }
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
  });
});

describe('text carried by an event', () => {
  it('is properties.text of any event, with anonymousId standing in for a missing userId', () => {
    expect(carriedText(envelope)).toEqual({
      userId: 'u1',
      text: 'Too expensive',
      eventName: 'Feedback Submitted',
    });
    expect(
      carriedText({ ...envelope, userId: undefined, anonymousId: 'anon', properties: { text: 42 } }),
    ).toEqual({
      userId: 'anon',
      text: 42,
      eventName: 'Feedback Submitted',
    });
    expect(carriedText({ ...envelope, properties: { rating: 2 } })).toBeUndefined();
  });
});
