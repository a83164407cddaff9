import { randomUUID } from 'node:crypto';
import { type EventEnvelope, insightEvent, segmentChangedEvent, Topics } from '@userops/contracts';
import { PG_POOL } from '@userops/service-host';
import {
  readAllMessages,
  testEnvelope,
  testKafka,
  testUserDeletion,
  uniqueName,
  waitFor,
} from '@userops/testing';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { UserInsights } from '../src/reports/insight-report.service';
import { getJson, type RunningInsight, startInsight } from './insight-app';

// Messages produced before a deletion can be consumed after it (each topic has its own group, so
// nothing orders them against user-deleted.v1). They must not bring the erased user back.
describe('insight: messages about a user that were in flight when the user was deleted', () => {
  const kafka = testKafka();
  let insight: RunningInsight;
  let producer: Producer;
  let pool: Pool;

  const topic = (name: string) => `${insight.topicPrefix}${name}`;
  // One key per topic: one partition, so the marker behind the older messages proves they were consumed.
  const produce = (name: string, values: unknown[]) =>
    producer.send({
      topic: topic(name),
      acks: -1,
      messages: values.map((value) => ({ key: 'in-flight', value: JSON.stringify(value) })),
    });
  const userApi = (userId: string) =>
    getJson<UserInsights>(`${insight.url}/v1/users/${encodeURIComponent(userId)}/insights`);
  const textOf = (userId: string, text: string, at: Date): EventEnvelope =>
    testEnvelope(userId, {
      event: 'Feedback Submitted',
      properties: { text },
      timestamp: at.toISOString(),
      receivedAt: at.toISOString(),
    });
  const segmentChange = (userId: string, segment: string, at: Date) => {
    const eventId = randomUUID();
    return segmentChangedEvent.parse({
      eventId,
      occurredAt: at.toISOString(),
      userId,
      schemaVersion: 1,
      correlationId: eventId,
      causationId: eventId,
      model: 'rfm',
      modelVersion: 'test-1',
      previous: null,
      current: segment,
      features: { recency: 1 },
      reason: 'test',
    });
  };
  const deletionOf = (userId: string) => testUserDeletion(userId);
  const count = async (sql: string, userId: string) =>
    Number((await pool.query<{ n: string }>(sql, [userId])).rows[0]!.n);

  beforeAll(async () => {
    insight = await startInsight();
    pool = insight.app.get<typeof PG_POOL, Pool>(PG_POOL);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await insight?.close();
  });

  it('stores, projects and emits nothing for an erased user, and counts the skipped messages', async () => {
    const [gone, marker] = [uniqueName('gone'), uniqueName('marker')];
    const segment = uniqueName('rfm-loyal');
    const beforeDeletion = new Date(Date.now() - 60_000);

    // Delivered twice, as after a redelivery: the second changes nothing and does not fail.
    await produce(Topics.userDeleted, [deletionOf(gone), deletionOf(gone)]);
    await waitFor(
      async () => (await count('select count(*) as n from forgotten_users where user_id = $1', gone)) === 1,
      { timeoutMs: 60_000, description: `${gone} recorded as forgotten` },
    );

    // Older messages about the user, still in flight when the deletion was consumed.
    const olderText = textOf(gone, 'I want a refund, this is the worst service ever', beforeDeletion);
    const markerText = textOf(marker, 'Fantastic product, thank you', new Date());
    await produce(Topics.events, [olderText, markerText]);
    await produce(Topics.segmentChanged, [
      segmentChange(gone, segment, beforeDeletion),
      segmentChange(marker, segment, new Date()),
    ]);
    await waitFor(async () => (await userApi(marker)).body?.analysedTexts === 1, {
      timeoutMs: 60_000,
      description: "the marker's text analysed (the older text was consumed before it)",
    });
    await waitFor(async () => (await userApi(marker)).body?.segmentId === segment, {
      timeoutMs: 60_000,
      description: "the marker's segment projected (the older change was consumed before it)",
    });

    expect(await count('select count(*) as n from text_analyses where user_id = $1', gone)).toBe(0);
    expect(
      await count(
        "select count(*) as n from insight_aggregates where scope = 'user' and subject_id = $1",
        gone,
      ),
    ).toBe(0);
    expect(await count('select count(*) as n from user_segments where user_id = $1', gone)).toBe(0);
    expect((await userApi(gone)).status).toBe(404);
    // Segment aggregates hold the marker's text alone: the erased user's text counted nowhere.
    const { rows } = await pool.query<{ texts: number }>(
      "select coalesce(sum(analysed_texts + rejected_texts), 0)::int as texts from insight_aggregates where scope = 'segment'",
    );
    expect(rows[0]!.texts).toBe(1);

    const emitted = (await readAllMessages(kafka, topic(Topics.insight))).map((message) =>
      insightEvent.parse(JSON.parse(message.value!.toString())),
    );
    expect(emitted.some((event) => event.userId === marker)).toBe(true);
    expect(emitted.filter((event) => event.userId === gone)).toEqual([]);

    const metrics = await (await fetch(`${insight.url}/metrics`)).text();
    const skipped = (name: string) =>
      new RegExp(
        `userops_insight_forgotten_user_messages_total\\{topic="${topic(name).replace(/\./g, '\\.')}",service="insight"\\} 1\\n`,
      );
    expect(metrics).toMatch(skipped(Topics.events));
    expect(metrics).toMatch(skipped(Topics.segmentChanged));
  });
});
