import { type EventEnvelope, Topics } from '@userops/contracts';
import { PG_POOL } from '@userops/service-host';
import { testKafka, testEnvelope, uniqueName, waitFor } from '@userops/testing';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { DecisionResponse, LoggedDecisionView } from '../src/decisions/decision.schema';
import type { PolicyEvaluation } from '../src/evaluations/policy-evaluation.service';
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

describe('interaction: off-policy evaluation over HTTP', () => {
  const kafka = testKafka();
  let interaction: RunningInteraction;
  let producer: Producer;
  const point = uniqueName('offers');
  const decisionIds: string[] = [];

  const putPoint = (name: string, body: unknown) =>
    sendJson<ProblemBody>('PUT', `${interaction.url}/v1/admin/decision-points/${name}`, body, admin);
  const evaluate = (name: string, body: unknown, headers = admin) =>
    sendJson<PolicyEvaluation & ProblemBody>(
      'POST',
      `${interaction.url}/v1/admin/decision-points/${name}/evaluations`,
      body,
      headers,
    );
  const pointConfig = {
    actions: [
      { id: 'a', payload: {} },
      { id: 'b', payload: {} },
    ],
    policy: { kind: 'uniform' },
    contextFeatures: ['bias', 'x'],
    rewardWaitSeconds: 5,
  };

  beforeAll(async () => {
    interaction = await startInteraction();
    producer = kafka.producer();
    await producer.connect();

    // A uniform logging policy; action "a" pays 1 when x > 0.5 and "b" otherwise (no reward
    // event: the default 0 applies when the window closes).
    expect((await putPoint(point, pointConfig)).status).toBe(201);
    const rewards: EventEnvelope[] = [];
    for (let i = 0; i < 40; i++) {
      const userId = uniqueName('user');
      const x = (i % 10) / 10 + 0.05;
      const { status, body } = await sendJson<DecisionResponse>('POST', `${interaction.url}/v1/decisions`, {
        userId,
        decisionPoint: point,
        context: { bias: 1, x },
      });
      expect(status).toBe(200);
      decisionIds.push(body.decisionId);
      if ((body.actionId === 'a') === x > 0.5)
        rewards.push(
          testEnvelope(userId, {
            event: 'Action Converted',
            properties: { decisionId: body.decisionId, reward: 1 },
          }),
        );
    }
    await producer.send({
      topic: `${interaction.topicPrefix}${Topics.events}`,
      acks: -1,
      messages: rewards.map((event) => ({ key: event.userId, value: JSON.stringify(event) })),
    });
    await waitFor(
      async () => {
        const views = await Promise.all(
          decisionIds.map(
            async (id) => (await getJson<LoggedDecisionView>(`${interaction.url}/v1/decisions/${id}`)).body,
          ),
        );
        return views.every((view) => view?.closedAt) ? true : undefined;
      },
      { timeoutMs: 30_000, description: 'every decision closed after its reward window' },
    );
  });

  afterAll(async () => {
    await producer?.disconnect();
    await interaction?.close();
  });

  it('refuses a bad body with field paths, an unknown decision point, and a point with nothing closed', async () => {
    expect((await evaluate(point, { policy: 'uniform' }, { authorization: 'Bearer nope' })).status).toBe(401);
    const invalid = await evaluate(point, {
      policy: 'linucb',
      params: { alpha: -1 },
      limit: 0,
      since: 'yesterday',
      bootstrap: { resamples: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.problems?.map((p) => p.path).sort()).toEqual([
      'bootstrap.resamples',
      'limit',
      'params.alpha',
      'since',
    ]);
    const unknownPolicy = await evaluate(point, { policy: 'greedy' });
    expect(unknownPolicy.status).toBe(400);
    expect(unknownPolicy.body.error.problems?.[0]?.path).toBe('policy');

    const missing = await evaluate(uniqueName('missing'), { policy: 'uniform' });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'DECISION_POINT_NOT_FOUND' } } });

    const fresh = uniqueName('fresh');
    expect((await putPoint(fresh, pointConfig)).status).toBe(201);
    const nothing = await evaluate(fresh, { policy: 'uniform' });
    expect(nothing).toMatchObject({ status: 422, body: { error: { code: 'NO_CLOSED_DECISIONS' } } });
    const future = await evaluate(point, {
      policy: 'uniform',
      since: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future).toMatchObject({ status: 422, body: { error: { code: 'NO_CLOSED_DECISIONS' } } });
  });

  it('evaluates candidates on the logged decisions exactly as the OPE CLI does', async () => {
    const uniform = await evaluate(point, { policy: 'uniform', bootstrap: { resamples: 200, seed: 3 } });
    expect(uniform.status).toBe(200);
    expect(uniform.body).toMatchObject({
      decisionPoint: point,
      policy: 'uniform',
      actions: expect.arrayContaining(['a', 'b']),
      trainedOn: 0,
      evaluatedOn: 40,
      decisions: { replayed: 40, since: null },
      bootstrap: { resamples: 200, seed: 3, level: 0.95 },
    });
    // Logged uniformly, evaluated uniformly: every importance weight is 1, so IPS is the observed value.
    const ips = uniform.body.estimates.find((e) => e.estimator === 'ips')!;
    expect(ips.value).toBeCloseTo(uniform.body.loggingPolicy.value, 12);
    expect(ips.effectiveSampleSize).toBeCloseTo(40, 9);
    for (const estimate of uniform.body.estimates) {
      expect(estimate.interval.level).toBe(0.95);
      expect(estimate.interval.lower).toBeLessThanOrEqual(estimate.value);
      expect(estimate.interval.upper).toBeGreaterThanOrEqual(estimate.value);
    }

    const pool = interaction.app.get<typeof PG_POOL, Pool>(PG_POOL);
    const body = { policy: 'linucb', params: { alpha: 0.1, trainShare: 0.5 }, bootstrap: { resamples: 200 } };
    const linucb = await evaluate(point, body);
    expect(linucb.status).toBe(200);
    const cli = evaluateLog(
      await readDecisionLog(pool, point),
      { kind: 'linucb', alpha: 0.1, trainShare: 0.5 },
      { resamples: 200, seed: 1 },
    );
    expect(linucb.body).toMatchObject({
      target: cli.target,
      trainedOn: 20,
      evaluatedOn: 20,
      loggingPolicy: cli.loggingPolicy,
      estimates: cli.estimates,
    });

    const newest = await evaluate(point, { policy: 'thompson', limit: 10, bootstrap: { resamples: 50 } });
    expect(newest.status).toBe(200);
    expect(newest.body).toMatchObject({ decisions: { replayed: 10 }, trainedOn: 5, evaluatedOn: 5 });
    expect(newest.body.estimates.map((e) => e.estimator)).toEqual(['ips', 'snips', 'doubly-robust']);
  });

  it('documents the endpoint and its body in the OpenAPI document', async () => {
    const { body } = await getJson<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
      `${interaction.url}/docs-json`,
    );
    const operation = body?.paths['/v1/admin/decision-points/{name}/evaluations']?.post;
    expect(operation?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { oneOf: expect.any(Array) } } },
    });
  });
});
