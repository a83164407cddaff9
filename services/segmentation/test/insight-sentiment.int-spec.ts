import { randomUUID } from 'node:crypto';
import { type EventEnvelope, insightEvent, type InsightEvent, Topics, userProfile } from '@userops/contracts';
import { readAllMessages, testKafka, testEnvelope, uniqueName, waitFor } from '@userops/testing';
import type { Producer } from 'kafkajs';
import type { UserSegments } from '../src/segments/segment-query.service';
import { getJson, type RunningSegmentation, startSegmentation } from './segmentation-app';

const T = Date.parse('2026-11-30T12:00:00.000Z');

describe('segmentation: average sentiment from insight.v1 through real Kafka', () => {
  const kafka = testKafka();
  let segmentation: RunningSegmentation;
  let producer: Producer;

  const topic = (name: string) => `${segmentation.topicPrefix}${name}`;
  const userApi = async (userId: string) =>
    (await getJson<UserSegments>(`${segmentation.url}/v1/users/${encodeURIComponent(userId)}/segments`)).body;

  const track = (userId: string, event: string, properties: Record<string, unknown> = {}): EventEnvelope =>
    testEnvelope(userId, { event, properties, timestamp: new Date(T).toISOString() });
  const insight = (
    text: EventEnvelope,
    sentiment: number,
    kind: InsightEvent['kind'] = 'sentiment',
  ): InsightEvent =>
    insightEvent.parse({
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      userId: text.userId,
      schemaVersion: 1,
      correlationId: text.messageId,
      causationId: text.eventId,
      kind,
      textEventId: text.eventId,
      sentiment,
      topics: [],
      keywords: [],
      segmentId: null,
      ...(kind === 'alert' ? { alert: { rule: 'negative-burst', severity: 'warning' } } : {}),
    });
  const send = (name: string, values: Array<EventEnvelope | InsightEvent>) =>
    producer.send({
      topic: topic(name),
      acks: -1,
      messages: values.map((value) => ({ key: value.userId!, value: JSON.stringify(value) })),
    });

  beforeAll(async () => {
    segmentation = await startSegmentation();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await segmentation?.close();
  });

  it('averages the sentiment of each analysed text once, ignores alerts, and carries it in the API and profiles.v1', async () => {
    const writer = uniqueName('writer');
    const silent = uniqueName('silent');
    const review = track(writer, 'Review Submitted', { text: 'love it' });
    const ticket = track(writer, 'Support Ticket Created', { text: 'it broke' });
    const feedback = track(writer, 'Feedback Submitted', { text: 'fine' });
    await send(Topics.events, [review, ticket, feedback, track(silent, 'Order Completed', { revenue: 10 })]);

    const onReview = insight(review, 0.9);
    await send(Topics.insight, [
      onReview,
      insight(ticket, -0.6),
      // An alert on the ticket repeats its sentiment: not a second text.
      insight(ticket, -0.6, 'alert'),
      insight(feedback, 0.3),
      // A redelivery, and a second analysis of the same text under a new eventId: each counts once.
      onReview,
      insight(review, 0.9),
    ]);

    const features = await waitFor(
      async () => {
        const view = await userApi(writer);
        return view?.features.sentimentCount === 3 ? view.features : undefined;
      },
      { timeoutMs: 45_000, description: `three analysed texts counted for ${writer}` },
    );
    expect(features.averageSentiment).toBeCloseTo((0.9 - 0.6 + 0.3) / 3, 4);

    // A later insight is a live update; the total of the texts is 4 from here on, whatever was redelivered.
    const later = track(writer, 'Review Submitted', { text: 'terrible' });
    await send(Topics.events, [later]);
    await send(Topics.insight, [insight(later, -1), insight(ticket, -0.6)]);
    const updated = await waitFor(
      async () => {
        const view = await userApi(writer);
        return view?.features.sentimentCount === 4 ? view.features : undefined;
      },
      { timeoutMs: 45_000, description: `the fourth text counted for ${writer}` },
    );
    expect(updated.averageSentiment).toBeCloseTo((0.9 - 0.6 + 0.3 - 1) / 4, 4);

    const silentView = await waitFor(() => userApi(silent), { description: `${silent} in the API` });
    expect(silentView.features).not.toHaveProperty('averageSentiment');
    expect(silentView.features).not.toHaveProperty('sentimentCount');

    const profile = await waitFor(
      async () =>
        (await readAllMessages(kafka, topic(Topics.profiles)))
          .filter((m) => m.key?.toString() === writer && m.value !== null)
          .map((m) => userProfile.parse(JSON.parse(m.value!.toString())))
          .find((p) => p.features.sentimentCount === 4),
      { timeoutMs: 45_000, description: `a profile of ${writer} with four texts` },
    );
    expect(profile.features.averageSentiment).toBeCloseTo(updated.averageSentiment!, 4);
  });
});
