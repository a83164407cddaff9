import { randomUUID } from 'node:crypto';
import {
  deadLetterRecord,
  deadLetterTopicOf,
  type EventEnvelope,
  insightEvent,
  type InsightEvent,
  segmentChangedEvent,
  Topics,
} from '@userops/contracts';
import { readTopic, testEnvelope, testKafka, testUserDeletion, uniqueName, waitFor } from '@userops/testing';
import type { Consumer, Producer } from 'kafkajs';
import type { TextAnalysis } from '@userops/nlp';
import type { SegmentInsights, SegmentListing, UserInsights } from '../src/reports/insight-report.service';
import { getJson, postJson, type ProblemBody, type RunningInsight, startInsight } from './insight-app';

const maxTextBytes = 2048;

describe('insight: texts from the event stream → per-segment insights, alerts and erasure', () => {
  const kafka = testKafka();
  let insight: RunningInsight;
  let producer: Producer;
  let insightReader: Consumer;
  const insights: InsightEvent[] = [];

  const topic = (name: string) => `${insight.topicPrefix}${name}`;
  const userApi = (userId: string) =>
    getJson<UserInsights>(`${insight.url}/v1/users/${encodeURIComponent(userId)}/insights`);
  const segmentApi = (segmentId: string) =>
    getJson<SegmentInsights>(`${insight.url}/v1/segments/${encodeURIComponent(segmentId)}/insights`);

  const envelopeOf = (userId: string, text: unknown, event = 'Feedback Submitted'): EventEnvelope =>
    testEnvelope(userId, { event, properties: { text } });

  const produce = async (topicName: string, messages: Array<{ key: string; value: string | Buffer }>) => {
    await producer.send({ topic: topic(topicName), acks: -1, messages });
  };
  const sendTexts = (envelopes: EventEnvelope[]) =>
    produce(
      Topics.events,
      envelopes.map((envelope) => ({ key: envelope.userId!, value: JSON.stringify(envelope) })),
    );
  const placeInSegment = (userId: string, segment: string, model: 'rfm' | 'kmeans' = 'rfm') => {
    const eventId = randomUUID();
    const event = segmentChangedEvent.parse({
      eventId,
      occurredAt: new Date().toISOString(),
      userId,
      schemaVersion: 1,
      correlationId: eventId,
      causationId: eventId,
      model,
      modelVersion: 'test-1',
      previous: null,
      current: segment,
      features: { recency: 1 },
      reason: 'test',
    });
    return { key: userId, value: JSON.stringify(event) };
  };
  const segmentInsights = async (segmentId: string, analysedTexts: number) =>
    waitFor(
      async () => {
        const { status, body } = await segmentApi(segmentId);
        return status === 200 && body?.analysedTexts === analysedTexts ? body : undefined;
      },
      { timeoutMs: 60_000, description: `${analysedTexts} analysed texts in segment ${segmentId}` },
    );

  beforeAll(async () => {
    insight = await startInsight({ INSIGHT_MAX_TEXT_BYTES: String(maxTextBytes) });
    producer = kafka.producer();
    await producer.connect();
    insightReader = kafka.consumer({ groupId: uniqueName('insight-reader'), maxWaitTimeInMs: 200 });
    await insightReader.connect();
    await insightReader.subscribe({ topic: topic(Topics.insight), fromBeginning: true });
    await insightReader.run({
      eachMessage: async ({ message }) =>
        void insights.push(insightEvent.parse(JSON.parse(message.value!.toString()))),
    });
  });

  afterAll(async () => {
    await insightReader?.disconnect();
    await producer?.disconnect();
    await insight?.close();
  });

  it('summarises two segments in the planted direction and raises an alert for the planted negative text', async () => {
    const happy = ['a1', 'a2', 'a3'].map((id) => uniqueName(id));
    const unhappy = ['b1', 'b2', 'b3'].map((id) => uniqueName(id));
    const [champions, atRisk] = [uniqueName('rfm-champions'), uniqueName('rfm-at-risk')];
    await produce(Topics.segmentChanged, [
      ...happy.map((user) => placeInSegment(user, champions)),
      ...unhappy.map((user) => placeInSegment(user, atRisk)),
      // Another model's segment must not be used: the default INSIGHT_SEGMENT_MODEL is rfm.
      placeInSegment(happy[0]!, uniqueName('kmeans-3'), 'kmeans'),
    ]);
    for (const user of [...happy, ...unhappy]) {
      await waitFor(async () => (await userApi(user)).body?.segmentId, {
        description: `${user}'s segment in the projection`,
      });
    }
    expect((await userApi(happy[0]!)).body?.segmentId).toBe(champions);

    const praise = [
      'I love this app, it is wonderful and so easy to use',
      'Fantastic product, the team did a great job, thank you!',
      'Really happy with the new dashboard, works perfectly',
      'Excellent service and a beautiful design, highly recommend',
      'Best purchase this year, everything is great',
      'Amazing experience, very smooth and fast',
    ];
    const complaints = [
      'Way too expensive for what you get, the price is ridiculous',
      'The subscription price doubled, this is a rip-off',
      'Terrible value for money, the premium plan costs far too much',
      'Overpriced and not worth it, I regret paying for this',
      'The new pricing is awful, you charge too much for basic features',
    ];
    const planted = envelopeOf(
      unhappy[2]!,
      'This is the worst, I am furious about the hidden fees and I want a refund now',
      'Support Ticket Created',
    );
    const sent = [
      ...praise.map((text, i) => envelopeOf(happy[i % 3]!, text, 'Review Submitted')),
      ...complaints.map((text, i) => envelopeOf(unhappy[i % 3]!, text)),
      planted,
    ];
    await sendTexts(sent);

    const good = await segmentInsights(champions, 6);
    const bad = await segmentInsights(atRisk, 6);
    expect(good.sentiment.mean).toBeGreaterThan(0.5);
    expect(bad.sentiment.mean).toBeLessThan(-0.3);
    expect(good.topics[0]?.name).toBe('praise');
    expect(bad.topics[0]).toMatchObject({ name: 'pricing', count: 6 });
    expect(bad.keywords.map((k) => k.name)).toEqual(expect.arrayContaining(['expensive', 'overpriced']));
    expect(bad.authors).toBe(3);
    expect(bad.examples.mostNegative).toHaveLength(3);
    expect(bad.examples.mostNegative[0]?.sentiment).toBeLessThan(-0.5);
    expect(good.examples.mostPositive[0]?.text).toEqual(expect.any(String));

    const listed = (await getJson<SegmentListing[]>(`${insight.url}/v1/segments`)).body;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ segmentId: champions, analysedTexts: 6, authors: 3 }),
        expect.objectContaining({ segmentId: atRisk, analysedTexts: 6, authors: 3 }),
      ]),
    );

    const sentIds = new Set(sent.map((e) => e.eventId));
    const ours = await waitFor(
      () => {
        const found = insights.filter((e) => sentIds.has(e.textEventId));
        return found.filter((e) => e.kind === 'sentiment').length === sent.length &&
          found.some((e) => e.textEventId === planted.eventId && e.alert?.rule === 'churn-signal')
          ? found
          : undefined;
      },
      { timeoutMs: 30_000, description: 'a sentiment insight per text and the planted alerts' },
    );
    const plantedAlerts = ours.filter((e) => e.textEventId === planted.eventId && e.kind === 'alert');
    expect(plantedAlerts.map((e) => e.alert!.rule).sort()).toEqual(['churn-signal', 'negative-feedback']);
    expect(plantedAlerts[0]).toMatchObject({
      userId: unhappy[2],
      segmentId: atRisk,
      correlationId: planted.messageId,
      causationId: planted.eventId,
      schemaVersion: 1,
    });
    expect(plantedAlerts[0]!.sentiment).toBeLessThan(-0.3);
    // Praise raises no alert.
    const praiseIds = new Set(sent.slice(0, 6).map((e) => e.eventId));
    expect(ours.filter((e) => praiseIds.has(e.textEventId) && e.kind === 'alert')).toEqual([]);
    expect(ours.filter((e) => praiseIds.has(e.textEventId)).every((e) => e.segmentId === champions)).toBe(
      true,
    );
  });

  it('counts a redelivered envelope once and records rejected texts with their code', async () => {
    const user = uniqueName('redelivered');
    const original = envelopeOf(user, 'Please add an export to CSV option, that would be really useful');
    const marker = envelopeOf(user, 'The app is okay I guess');
    // Same key, same partition: once the marker is counted, both copies were handled.
    await sendTexts([
      original,
      original,
      envelopeOf(user, ''),
      envelopeOf(user, 'x'.repeat(maxTextBytes + 1)),
      envelopeOf(user, '\u0000\u0001\u0002\u0003binary'),
      marker,
    ]);
    const body = await waitFor(
      async () => {
        const { body } = await userApi(user);
        return body?.recentTexts?.[0]?.eventId === marker.eventId ? body : undefined;
      },
      { timeoutMs: 60_000, description: `the marker text of ${user}` },
    );
    expect(body).toMatchObject({ analysedTexts: 2, rejectedTexts: 3, segmentId: null });
    expect(body.recentTexts.map((t) => t.rejectionCode)).toEqual([
      null,
      'BINARY_CONTENT',
      'TEXT_TOO_LARGE',
      'EMPTY_TEXT',
      null,
    ]);
    expect(body.topics).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'feature-request', count: 1 })]),
    );
    const unassigned = (await segmentApi('unassigned')).body!;
    expect(unassigned.analysedTexts).toBeGreaterThanOrEqual(2);
    // The redelivery re-sends the stored events (same eventIds) rather than new ones.
    const forOriginal = await waitFor(
      () => {
        const found = insights.filter((e) => e.textEventId === original.eventId);
        return found.some((e) => e.alert?.rule === 'feature-request') ? found : undefined;
      },
      { description: 'the feature-request alert of the original' },
    );
    expect(new Set(forOriginal.map((e) => e.eventId)).size).toBe(2);

    const metrics = await (await fetch(`${insight.url}/metrics`)).text();
    expect(metrics).toMatch(
      /userops_insight_texts_total\{outcome="duplicate",code="",service="insight"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /userops_insight_texts_total\{outcome="rejected",code="TEXT_TOO_LARGE",service="insight"\} 1/,
    );
  });

  it('dead-letters poison messages and keeps consuming', async () => {
    const user = uniqueName('after-poison');
    const afterPoison = envelopeOf(user, 'Fantastic product, thank you');
    await produce(Topics.events, [
      { key: 'poison', value: 'not json {' },
      {
        key: 'poison',
        value: JSON.stringify({ schemaVersion: 1, eventId: 'not-a-uuid', properties: { text: 'hi' } }),
      },
    ]);
    await sendTexts([afterPoison]);
    const dead = await readTopic(kafka, deadLetterTopicOf(topic(Topics.events)), 2, 60_000);
    const records = dead.map((m) => deadLetterRecord.parse(JSON.parse(m.value!.toString())));
    expect(records.map((r) => r.error.code).sort()).toEqual(['CONTRACT_VIOLATION', 'MALFORMED_MESSAGE']);
    expect(
      Buffer.from(
        records.find((r) => r.error.code === 'MALFORMED_MESSAGE')!.originalValueBase64!,
        'base64',
      ).toString(),
    ).toBe('not json {');
    await waitFor(async () => (await userApi(user)).body?.analysedTexts === 1, {
      timeoutMs: 60_000,
      description: 'the text after the poison messages',
    });
  });

  it("removes a deleted user's texts and projection and takes them out of the segment", async () => {
    const [leaver, stayer] = [uniqueName('leaver'), uniqueName('stayer')];
    const segment = uniqueName('rfm-loyal');
    await produce(Topics.segmentChanged, [placeInSegment(leaver, segment), placeInSegment(stayer, segment)]);
    for (const user of [leaver, stayer]) {
      await waitFor(async () => (await userApi(user)).body?.segmentId === segment, {
        description: `${user}'s segment`,
      });
    }
    await sendTexts([
      envelopeOf(leaver, 'Terrible value for money, the premium plan costs far too much'),
      envelopeOf(stayer, 'Best purchase this year, everything is great'),
    ]);
    const before = await segmentInsights(segment, 2);
    expect(before.sentiment.mean).toBeLessThan(0.3);

    const eventId = randomUUID();
    const deletion = testUserDeletion(leaver, eventId);
    await produce(Topics.userDeleted, [{ key: leaver, value: JSON.stringify(deletion) }]);
    await waitFor(async () => (await userApi(leaver)).status === 404, {
      timeoutMs: 60_000,
      description: `${leaver} to be forgotten`,
    });
    const after = await segmentInsights(segment, 1);
    const stayerView = (await userApi(stayer)).body!;
    expect(after.sentiment.mean).toBeCloseTo(stayerView.sentiment.mean!, 10);
    expect(after.sentiment.mean).toBeGreaterThan(0.5);
    expect(after.authors).toBe(1);
    expect(after.topics.map((t) => t.name)).not.toContain('pricing');
    expect(after.keywords.map((k) => k.name)).not.toContain('terrible value');
    const allExamples = [...after.examples.mostNegative, ...after.examples.recent].map((t) => t.userId);
    expect(allExamples).not.toContain(leaver);
  });

  it('analyses a text on demand and answers 400 with field problems for a bad body', async () => {
    const ok = await postJson<TextAnalysis>(`${insight.url}/v1/analyse`, {
      text: 'The subscription price doubled, this is a rip-off',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'analysed', language: 'en' });
    expect(ok.body.sentiment).toBeLessThan(0);
    expect(ok.body.topics[0]!.label).toBe('pricing');

    const missing = await postJson<ProblemBody>(`${insight.url}/v1/analyse`, { txt: 'typo' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ path: 'text', message: 'is required and must be a string' }],
    });

    const empty = await postJson<ProblemBody>(`${insight.url}/v1/analyse`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'EMPTY_TEXT', problems: [{ path: 'text' }] });

    const notJson = await postJson<ProblemBody>(`${insight.url}/v1/analyse`, '{"text":');
    expect(notJson.status).toBe(400);
  });
});
