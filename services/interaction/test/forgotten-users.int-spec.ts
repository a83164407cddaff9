import { randomUUID } from 'node:crypto';
import {
  actionEvent,
  type EventEnvelope,
  insightEvent,
  segmentChangedEvent,
  Topics,
  userProfile,
} from '@userops/contracts';
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
import type { DecisionResponse, LoggedDecisionView } from '../src/decisions/decision.schema';
import {
  getJson,
  type ProblemBody,
  type RunningInteraction,
  sendJson,
  startInteraction,
  testAdminToken,
} from './interaction-app';

const admin = { authorization: `Bearer ${testAdminToken}` };
const atRisk = 'At Risk';
const retentionPoint = uniqueName('retention');

// Messages produced before a deletion can be consumed after it (each topic has its own group, so
// nothing orders them against user-deleted.v1). They must not bring the erased user back.
describe('interaction: messages about a user that were in flight when the user was deleted', () => {
  const kafka = testKafka();
  let interaction: RunningInteraction;
  let producer: Producer;
  let pool: Pool;

  const topic = (name: string) => `${interaction.topicPrefix}${name}`;
  // One key per topic: one partition, so the marker behind the older messages proves they were consumed.
  const produce = (name: string, values: unknown[]) =>
    producer.send({
      topic: topic(name),
      acks: -1,
      messages: values.map((value) => ({ key: 'in-flight', value: JSON.stringify(value) })),
    });
  const decide = (userId: string) =>
    sendJson<DecisionResponse & ProblemBody>('POST', `${interaction.url}/v1/decisions`, {
      userId,
      decisionPoint: retentionPoint,
      context: { bias: 1 },
    });
  const decisionView = (decisionId: string) =>
    getJson<LoggedDecisionView>(`${interaction.url}/v1/decisions/${decisionId}`);
  const rowsOf = async (table: string, userId: string) =>
    (await pool.query(`select 1 from ${table} where user_id = $1`, [userId])).rowCount;

  const deletionOf = (userId: string) => testUserDeletion(userId);
  const insightOf = (userId: string, sentiment: number, at: Date) => {
    const eventId = randomUUID();
    return insightEvent.parse({
      eventId,
      occurredAt: at.toISOString(),
      userId,
      schemaVersion: 1,
      correlationId: `corr-${eventId}`,
      causationId: `text-${eventId}`,
      kind: 'sentiment',
      textEventId: `text-${eventId}`,
      sentiment,
      topics: [],
      keywords: [],
      segmentId: null,
    });
  };
  const profileOf = (userId: string, recency: number, at: Date) =>
    userProfile.parse({
      schemaVersion: 1,
      userId,
      features: { recency },
      segments: { rfm: atRisk },
      updatedAt: at.toISOString(),
    });
  const segmentChange = (userId: string, at: Date) => {
    const eventId = randomUUID();
    return segmentChangedEvent.parse({
      eventId,
      occurredAt: at.toISOString(),
      userId,
      schemaVersion: 1,
      correlationId: `corr-${eventId}`,
      causationId: eventId,
      model: 'rfm',
      modelVersion: 'test-1',
      previous: 'Loyal',
      current: atRisk,
      features: { recency: 30 },
      reason: 'test',
    });
  };
  const rewardOf = (userId: string, decisionId: string, at: Date): EventEnvelope =>
    testEnvelope(userId, {
      event: 'Action Clicked',
      properties: { decisionId, reward: 1 },
      timestamp: at.toISOString(),
      receivedAt: at.toISOString(),
    });

  beforeAll(async () => {
    interaction = await startInteraction({
      INTERACTION_RULES: JSON.stringify([
        { name: 'retain', model: 'rfm', segment: atRisk, decisionPoint: retentionPoint },
      ]),
    });
    pool = interaction.app.get<typeof PG_POOL, Pool>(PG_POOL);
    producer = kafka.producer();
    await producer.connect();
    const created = await sendJson(
      'PUT',
      `${interaction.url}/v1/admin/decision-points/${retentionPoint}`,
      {
        actions: [
          { id: 'discount', payload: { template: 'ten-percent' } },
          { id: 'nothing', payload: {} },
        ],
        policy: { kind: 'lin-ucb', alpha: 1 },
        contextFeatures: ['recency', 'sentiment', 'bias'],
        rewardWaitSeconds: 60,
        defaultReward: 0,
        rewardAggregation: 'sum',
        holdoutShare: 0,
      },
      admin,
    );
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await interaction?.close();
  });

  it('projects, decides and emits nothing for an erased user, refuses decisions for them, and counts the skipped messages', async () => {
    const [gone, marker] = [uniqueName('gone'), uniqueName('marker')];
    const beforeDeletion = new Date(Date.now() - 30_000);
    const goneDecision = (await decide(gone)).body.decisionId;
    const markerDecision = (await decide(marker)).body.decisionId;
    expect((await decisionView(goneDecision)).status).toBe(200);

    // Delivered twice, as after a redelivery: the second changes nothing and does not fail.
    await produce(Topics.userDeleted, [deletionOf(gone), deletionOf(gone)]);
    await waitFor(async () => (await rowsOf('forgotten_users', gone)) === 1 || undefined, {
      timeoutMs: 60_000,
      description: `${gone} recorded as forgotten`,
    });
    expect((await decisionView(goneDecision)).status).toBe(404);

    // Older messages about the user, still in flight when the deletion was consumed, each followed
    // by one about the marker user.
    await produce(Topics.insight, [
      insightOf(gone, -0.8, beforeDeletion),
      insightOf(marker, 0.4, new Date()),
    ]);
    await produce(Topics.profiles, [profileOf(gone, 12, beforeDeletion), profileOf(marker, 3, new Date())]);
    await produce(Topics.segmentChanged, [
      segmentChange(gone, beforeDeletion),
      segmentChange(marker, new Date()),
    ]);
    await produce(Topics.events, [
      rewardOf(gone, goneDecision, beforeDeletion),
      rewardOf(marker, markerDecision, new Date()),
    ]);

    await waitFor(async () => (await rowsOf('user_sentiments', marker)) === 1 || undefined, {
      timeoutMs: 60_000,
      description: "the marker's sentiment projected",
    });
    await waitFor(async () => (await rowsOf('user_profiles', marker)) === 1 || undefined, {
      timeoutMs: 60_000,
      description: "the marker's profile projected",
    });
    await waitFor(async () => (await decisionView(markerDecision)).body?.rewardCount === 1 || undefined, {
      timeoutMs: 60_000,
      description: "the marker's reward joined",
    });
    const actions = await waitFor(
      async () => {
        const all = (await readAllMessages(kafka, topic(Topics.action)).catch(() => [])).map((message) =>
          actionEvent.parse(JSON.parse(message.value!.toString())),
        );
        return all.some((action) => action.userId === marker) ? all : undefined;
      },
      { timeoutMs: 60_000, description: "the marker's rule action" },
    );

    expect(actions.filter((action) => action.userId === gone)).toEqual([]);
    for (const table of ['user_sentiments', 'user_profiles', 'decisions']) {
      expect({ table, rows: await rowsOf(table, gone) }).toEqual({ table, rows: 0 });
    }
    expect(
      (await pool.query("select 1 from rule_actions where action_event->>'userId' = $1", [gone])).rowCount,
    ).toBe(0);

    // A decision for the user is refused rather than logged again.
    const refused = await decide(gone);
    expect(refused).toMatchObject({ status: 410, body: { error: { code: 'USER_DELETED' } } });
    expect(await rowsOf('decisions', gone)).toBe(0);

    const metrics = await (await fetch(`${interaction.url}/metrics`)).text();
    for (const name of [Topics.insight, Topics.profiles, Topics.segmentChanged, Topics.events]) {
      expect(metrics).toContain(
        `userops_interaction_forgotten_user_messages_total{topic="${topic(name)}",service="interaction"} 1\n`,
      );
    }
    // The reward of the erased decision was handled, not failed: nothing was retried or dead-lettered.
    expect(metrics).not.toMatch(
      new RegExp(
        `userops_consumer_messages_total\\{topic="${topic(Topics.events)}",outcome="(retried|dead-lettered)"`,
      ),
    );
  });
});
