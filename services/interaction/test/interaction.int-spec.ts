import { randomUUID } from 'node:crypto';
import { createPolicy, type LinUcbState, type PolicyState } from '@userops/bandits';
import {
  actionEvent,
  type EventEnvelope,
  insightEvent,
  segmentChangedEvent,
  Topics,
  userProfile,
} from '@userops/contracts';
import {
  readAllMessages,
  readTopic,
  testEnvelope,
  testKafka,
  testUserDeletion,
  uniqueName,
  waitFor,
} from '@userops/testing';
import { PG_POOL, REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { Producer } from 'kafkajs';
import { register } from 'prom-client';
import type { Pool } from 'pg';
import type { DecisionResponse, LoggedDecisionView } from '../src/decisions/decision.schema';
import { readDecisionLog } from '../src/ope/decision-log.reader';
import { evaluateLog } from '../src/ope/ope-report';
import {
  getJson,
  type ProblemBody,
  type RunningInteraction,
  sendJson,
  startInteraction,
  testAdminToken,
} from './interaction-app';

const admin = { authorization: `Bearer ${testAdminToken}` };
const features = ['bias', 'x'];
const retentionPoint = uniqueName('retention');
const atRisk = 'At Risk';

describe('interaction: decisions, delayed rewards and exactly-once learning', () => {
  const kafka = testKafka();
  let interaction: RunningInteraction;
  let producer: Producer;

  const putPoint = (name: string, body: unknown, headers = admin) =>
    sendJson<ProblemBody>('PUT', `${interaction.url}/admin/decision-points/${name}`, body, headers);
  const decide = (body: unknown) =>
    sendJson<DecisionResponse & ProblemBody>('POST', `${interaction.url}/v1/decisions`, body);
  const decisionView = async (id: string) =>
    (await getJson<LoggedDecisionView>(`${interaction.url}/v1/decisions/${id}`)).body;
  const policyOf = async (name: string) =>
    (await getJson<PolicyState>(`${interaction.url}/admin/decision-points/${name}/policy`, admin)).body;

  const rewardEvent = (userId: string, decisionId: string, reward?: number): EventEnvelope =>
    testEnvelope(userId, {
      event: 'Action Clicked',
      properties: reward === undefined ? { decisionId } : { decisionId, reward },
    });
  // One key for every reward: one partition, so a later reward being joined proves the earlier were handled.
  const sendRewards = (events: EventEnvelope[]) =>
    producer.send({
      topic: `${interaction.topicPrefix}${Topics.events}`,
      acks: -1,
      messages: events.map((event) => ({ key: 'rewards', value: JSON.stringify(event) })),
    });

  const pointConfig = {
    actions: [
      { id: 'discount', payload: { template: 'ten-percent' } },
      { id: 'free-shipping', payload: { template: 'ship' } },
      { id: 'nothing', payload: {} },
    ],
    policy: { kind: 'lin-ucb', alpha: 1 },
    contextFeatures: features,
    rewardWaitSeconds: 5,
    defaultReward: 0,
    rewardAggregation: 'sum',
    holdoutShare: 0,
  };

  beforeAll(async () => {
    interaction = await startInteraction({
      INTERACTION_SNAPSHOT_EVERY: '4',
      INTERACTION_RULES: JSON.stringify([
        { name: 'retain', model: 'rfm', segment: atRisk, decisionPoint: retentionPoint },
      ]),
    });
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await interaction?.close();
  });

  it('guards the admin API and validates decision points and decision requests', async () => {
    const name = uniqueName('dp');
    expect(
      (await putPoint(name, pointConfig, { authorization: 'Bearer wrong-token-wrong-token' })).status,
    ).toBe(401);
    const invalid = await putPoint(name, { ...pointConfig, rewardWaitSeconds: 1, actions: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.problems?.map((p) => p.path).sort()).toEqual(['actions', 'rewardWaitSeconds']);
    expect((await putPoint(name, pointConfig)).status).toBe(201);
    const withMoreActions = {
      ...pointConfig,
      actions: [...pointConfig.actions, { id: 'email', payload: {} }],
    };
    expect((await putPoint(name, withMoreActions)).status).toBe(200);
    const changedPolicy = await putPoint(name, { ...pointConfig, policy: { kind: 'epsilon-greedy' } });
    expect(changedPolicy).toMatchObject({ status: 409, body: { error: { code: 'POLICY_IMMUTABLE' } } });

    const bad = await decide({ decisionPoint: name, context: { x: 'high' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.map((p) => p.path).sort()).toEqual(['context.x', 'userId']);
    const unknown = await decide({ userId: 'u', decisionPoint: uniqueName('missing') });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'DECISION_POINT_NOT_FOUND' } } });

    const ok = await decide({ userId: uniqueName('u'), decisionPoint: name, context: { bias: 1, x: 0.3 } });
    expect(ok.status).toBe(200);
    expect(['discount', 'free-shipping', 'nothing', 'email']).toContain(ok.body.actionId);
    // No learning yet: LinUCB ties, so the four actions are equally likely.
    expect(ok.body.propensity).toBeCloseTo(0.25, 9);
    const holdout = uniqueName('holdout');
    expect((await putPoint(holdout, { ...pointConfig, holdoutShare: 1 })).status).toBe(201);
    const served = await decide({ userId: uniqueName('u'), decisionPoint: holdout });
    expect(served.body.propensity).toBeCloseTo(1 / 3, 9);
    expect((await decisionView(served.body.decisionId))?.policy).toBe('uniform-holdout');

    const logged = await decisionView(ok.body.decisionId);
    expect(logged).toMatchObject({
      context: [1, 0.3],
      policy: 'lin-ucb',
      modelVersion: 'lin-ucb@0',
      closedAt: null,
    });
  });

  it('learns each decision exactly once across redelivered and late rewards, a restart and a lost Redis state', async () => {
    const name = uniqueName('offers');
    expect((await putPoint(name, pointConfig)).status).toBe(201);
    const expected = new Map<string, { context: number[]; actionId: string; reward: number }>();
    const takeDecisions = async (count: number, offset: number) => {
      const taken: Array<DecisionResponse & { userId: string; context: number[] }> = [];
      for (let i = 0; i < count; i++) {
        const userId = uniqueName('user');
        const context = [1, (offset + i) / 10];
        const { status, body } = await decide({
          userId,
          decisionPoint: name,
          context: { bias: context[0], x: context[1] },
        });
        expect(status).toBe(200);
        taken.push({ ...body, userId, context });
        expected.set(body.decisionId, { context, actionId: body.actionId, reward: 0 });
      }
      return taken;
    };
    const expectReward = (decisionId: string, reward: number) => (expected.get(decisionId)!.reward = reward);
    const joined = (decisionId: string, count: number) =>
      waitFor(async () => ((await decisionView(decisionId))?.rewardCount === count ? true : undefined), {
        timeoutMs: 20_000,
        description: `${count} rewards joined to ${decisionId}`,
      });
    const policyAt = (version: number) =>
      waitFor(
        async () =>
          (await policyOf(name))?.version === version ? ((await policyOf(name)) as LinUcbState) : undefined,
        {
          timeoutMs: 30_000,
          description: `policy of ${name} at version ${version}`,
        },
      );

    // Phase 1: six decisions; rewards for three (one sent twice, one summed from two events).
    const first = await takeDecisions(6, 0);
    const redelivered = rewardEvent(first[0]!.userId, first[0]!.decisionId, 1);
    await sendRewards([
      redelivered,
      redelivered,
      rewardEvent(first[1]!.userId, first[1]!.decisionId, 0.5),
      rewardEvent(first[1]!.userId, first[1]!.decisionId, 0.25),
      rewardEvent(first[2]!.userId, first[2]!.decisionId), // no reward property: 1
    ]);
    expectReward(first[0]!.decisionId, 1);
    expectReward(first[1]!.decisionId, 0.75);
    expectReward(first[2]!.decisionId, 1);
    await joined(first[1]!.decisionId, 2);
    await joined(first[2]!.decisionId, 1);
    expect((await decisionView(first[0]!.decisionId))?.rewardCount).toBe(1);

    // Restart mid-window: same schema, topics, group and Redis prefix.
    const env = interaction.env;
    await interaction.close();
    // Prometheus' default registry is process-global; a second instance in this process needs it empty.
    register.clear();
    interaction = await startInteraction(env);
    await sendRewards([redelivered]); // a third delivery after the restart
    const afterPhase1 = await policyAt(6);
    expect(Object.values(afterPhase1.arms).reduce((sum, arm) => sum + arm.updates, 0)).toBe(6);

    // Late: the window of first[3] has closed, so its reward is ignored (its default 0 stays).
    const late = rewardEvent(first[3]!.userId, first[3]!.decisionId, 5);
    expect((await decisionView(first[3]!.decisionId))?.closedAt).not.toBeNull();

    // Redis loses the state: it must come back from the Postgres snapshot plus replay.
    const redis = interaction.app.get<typeof REDIS, Redis>(REDIS);
    await redis.del(`${interaction.env.INTERACTION_REDIS_PREFIX}policy:${name}`);

    // Phase 2: four more decisions with the rebuilt policy; rewards for two, plus the late one and a duplicate.
    const second = await takeDecisions(4, 6);
    const secondReward = rewardEvent(second[0]!.userId, second[0]!.decisionId, 2);
    await sendRewards([
      late,
      late,
      secondReward,
      rewardEvent(second[1]!.userId, second[1]!.decisionId, 0.5),
      secondReward,
    ]);
    expectReward(second[0]!.decisionId, 2);
    expectReward(second[1]!.decisionId, 0.5);
    await joined(second[1]!.decisionId, 1);
    expect((await decisionView(first[3]!.decisionId))?.rewardCount).toBe(0);

    const final = await policyAt(10);
    // Nothing more arrives: every decision was learned once.
    const views = await Promise.all([...expected.keys()].map(decisionView));
    expect(views.every((view) => view?.closedAt !== null)).toBe(true);
    expect(Object.fromEntries(views.map((view) => [view!.decisionId, view!.appliedReward]))).toEqual(
      Object.fromEntries([...expected].map(([id, update]) => [id, update.reward])),
    );

    // A clean in-memory replay of exactly the expected (context, action, reward) updates.
    const replay = createPolicy({ kind: 'lin-ucb', dimension: 2, alpha: 1 });
    for (const update of expected.values()) replay.update(update.actionId, update.context, update.reward);
    const clean = replay.toState() as LinUcbState;
    expect(final.version).toBe(clean.version);
    expect(Object.keys(final.arms).sort()).toEqual(Object.keys(clean.arms).sort());
    for (const [actionId, arm] of Object.entries(clean.arms)) {
      const learned = final.arms[actionId]!;
      expect(learned.updates).toBe(arm.updates);
      learned.b.forEach((value, i) => expect(value).toBeCloseTo(arm.b[i]!, 9));
      learned.a.forEach((value, i) => expect(value).toBeCloseTo(arm.a[i]!, 9));
    }

    // The decision log is what the OPE CLI's --decision-point evaluates.
    const log = await readDecisionLog(interaction.app.get<typeof PG_POOL, Pool>(PG_POOL), name);
    expect(log.featureNames).toEqual(features);
    expect(log.records.map((r) => r.reward).sort()).toEqual(
      [...expected.values()].map((u) => u.reward).sort(),
    );
    const uniform = evaluateLog(log, { kind: 'uniform' }, { resamples: 100 });
    expect(uniform.evaluatedOn).toBe(10);
  });

  it('uses the profiles projection as context, acts once per segment change, and erases a deleted user', async () => {
    const topic = (name: string) => `${interaction.topicPrefix}${name}`;
    const produce = (name: string, messages: Array<{ key: string; value: string | null }>) =>
      producer.send({ topic: topic(name), acks: -1, messages });
    expect(
      (
        await putPoint(retentionPoint, {
          ...pointConfig,
          policy: { kind: 'epsilon-greedy', epsilon: 0.1 },
          contextFeatures: ['recency', `segment:rfm=${atRisk}`, 'bias'],
          rewardWaitSeconds: 60,
        })
      ).status,
    ).toBe(201);
    const [user, other] = [uniqueName('risky'), uniqueName('other')];
    const profileOf = (userId: string, recency: number) =>
      JSON.stringify(
        userProfile.parse({
          schemaVersion: 1,
          userId,
          features: { recency },
          segments: { rfm: atRisk },
          updatedAt: new Date().toISOString(),
        }),
      );
    await produce(Topics.profiles, [{ key: user, value: profileOf(user, 12) }]);
    const contextOf = async (userId: string) => {
      const { body } = await decide({ userId, decisionPoint: retentionPoint, context: { bias: 1 } });
      return (await decisionView(body.decisionId))!.context;
    };
    await waitFor(async () => ((await contextOf(user))[0] === 12 ? true : undefined), {
      description: `${user}'s projected profile used as context`,
    });
    expect(await contextOf(user)).toEqual([12, 1, 1]);
    // A tombstone removes the projection: back to caller context alone.
    await produce(Topics.profiles, [{ key: user, value: null }]);
    await waitFor(async () => ((await contextOf(user))[0] === 0 ? true : undefined), {
      description: 'tombstone applied',
    });
    expect(await contextOf(user)).toEqual([0, 0, 1]);

    const segmentChange = (userId: string) => {
      const eventId = randomUUID();
      return segmentChangedEvent.parse({
        eventId,
        occurredAt: new Date().toISOString(),
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
    const [first, second] = [segmentChange(user), segmentChange(other)];
    // One key, one partition: the second event's action proves the redelivered first was handled.
    await produce(
      Topics.segmentChanged,
      [first, first, second].map((event) => ({ key: 'rules', value: JSON.stringify(event) })),
    );
    await readTopic(kafka, topic(Topics.action), 2);
    const actions = (await readAllMessages(kafka, topic(Topics.action))).map((m) =>
      actionEvent.parse(JSON.parse(m.value!.toString())),
    );
    expect(actions.map((a) => a.causationId).sort()).toEqual([first.eventId, second.eventId].sort());
    const action = actions.find((a) => a.causationId === first.eventId)!;
    expect(action).toMatchObject({
      userId: user,
      correlationId: first.correlationId,
      schemaVersion: 1,
      decisionPoint: retentionPoint,
      policy: 'epsilon-greedy',
      trigger: { kind: 'rule', rule: 'retain' },
    });
    expect(pointConfig.actions.map((a) => a.id)).toContain(action.actionId);
    expect((await decisionView(action.decisionId))?.userId).toBe(user);

    const deletionId = randomUUID();
    await produce(Topics.userDeleted, [
      {
        key: user,
        value: JSON.stringify(testUserDeletion(user, deletionId)),
      },
    ]);
    await waitFor(
      async () =>
        (await getJson(`${interaction.url}/v1/decisions/${action.decisionId}`)).status === 404
          ? true
          : undefined,
      { description: `${user}'s decisions erased` },
    );
    expect(
      (await decisionView(actions.find((a) => a.causationId === second.eventId)!.decisionId))?.userId,
    ).toBe(other);
  });

  it('puts the latest sentiment from insight.v1 in the context, never an older one, and erases it with the user', async () => {
    const topic = (name: string) => `${interaction.topicPrefix}${name}`;
    // One key for every insight: one partition, so a later insight being projected proves the earlier were handled.
    const publishInsights = (events: unknown[]) =>
      producer.send({
        topic: topic(Topics.insight),
        acks: -1,
        messages: events.map((event) => ({ key: 'insights', value: JSON.stringify(event) })),
      });
    const insight = (
      userId: string,
      sentiment: number,
      occurredAt: Date,
      kind: 'sentiment' | 'alert' = 'sentiment',
    ) => {
      const eventId = randomUUID();
      return insightEvent.parse({
        eventId,
        occurredAt: occurredAt.toISOString(),
        userId,
        schemaVersion: 1,
        correlationId: `corr-${eventId}`,
        causationId: `text-${eventId}`,
        kind,
        textEventId: `text-${eventId}`,
        sentiment,
        topics: [],
        keywords: [],
        segmentId: null,
        ...(kind === 'alert' ? { alert: { rule: 'angry', severity: 'warning' } } : {}),
      });
    };
    const name = uniqueName('sentiment');
    expect(
      (
        await putPoint(name, {
          ...pointConfig,
          contextFeatures: ['sentiment', 'bias'],
          rewardWaitSeconds: 60,
        })
      ).status,
    ).toBe(201);
    const contextOf = async (userId: string, context: Record<string, number> = { bias: 1 }) => {
      const { body } = await decide({ userId, decisionPoint: name, context });
      return (await decisionView(body.decisionId))!.context;
    };
    const sentimentBecomes = (userId: string, value: number, description: string) =>
      waitFor(async () => ((await contextOf(userId))[0] === value ? true : undefined), { description });

    const [user, marker] = [uniqueName('writer'), uniqueName('marker')];
    const now = Date.now();
    expect(await contextOf(user)).toEqual([0, 1]);
    await publishInsights([insight(user, 0.6, new Date(now))]);
    await sentimentBecomes(user, 0.6, `${user}'s sentiment projected`);
    expect(await contextOf(user, { bias: 1, sentiment: -0.2 })).toEqual([-0.2, 1]);

    // An older insight delivered later, and a newer alert, change nothing; the marker's insight,
    // behind them on the same partition, shows they were consumed.
    await publishInsights([
      insight(user, -0.9, new Date(now - 3_600_000)),
      insight(user, -1, new Date(now + 1000), 'alert'),
      insight(marker, 0.3, new Date(now)),
    ]);
    await sentimentBecomes(marker, 0.3, 'the marker insight projected');
    expect(await contextOf(user)).toEqual([0.6, 1]);

    await publishInsights([insight(user, -0.5, new Date(now + 2000))]);
    await sentimentBecomes(user, -0.5, 'a newer insight replaces the sentiment');

    const deletionId = randomUUID();
    await producer.send({
      topic: topic(Topics.userDeleted),
      acks: -1,
      messages: [
        {
          key: user,
          value: JSON.stringify(testUserDeletion(user, deletionId)),
        },
      ],
    });
    // Erased: the row goes, and the user gets no more decisions (that would log them again).
    const pool = interaction.app.get<typeof PG_POOL, Pool>(PG_POOL);
    await waitFor(
      async () =>
        (await pool.query('select 1 from user_sentiments where user_id = $1', [user])).rowCount === 0,
      { description: `${user}'s sentiment erased` },
    );
    expect(await decide({ userId: user, decisionPoint: name })).toMatchObject({
      status: 410,
      body: { error: { code: 'USER_DELETED' } },
    });
    expect(await contextOf(marker)).toEqual([0.3, 1]);
  });
});
