import type { PolicyState } from '@userops/bandits';
import { uniqueName, waitFor } from '@userops/testing';
import { register } from 'prom-client';
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

// Two replicas of one deployment (same schema, Redis prefix, topics and consumer group). Replica B
// keeps what it parsed for its decisions; these show it never decides with a stale policy or
// stale settings after replica A learned or was reconfigured.
describe('interaction replicas: a decision sees what another replica wrote just before', () => {
  let replicaA: RunningInteraction;
  let replicaB: RunningInteraction;

  beforeAll(async () => {
    replicaA = await startInteraction();
    // Prometheus' default registry is process-global; the second instance in this process needs it empty.
    register.clear();
    // Only A closes decisions and learns, so every policy change B sees was written by A.
    replicaB = await startInteraction({
      ...replicaA.env,
      PORT: '0',
      INTERACTION_CLOSE_INTERVAL_MS: '600000',
    });
  });

  afterAll(async () => {
    await replicaB?.close();
    await replicaA?.close();
  });

  const putPoint = (replica: RunningInteraction, name: string, body: unknown) =>
    sendJson<ProblemBody>('PUT', `${replica.url}/v1/admin/decision-points/${name}`, body, admin);
  const decide = async (replica: RunningInteraction, body: unknown) => {
    const { status, body: decision } = await sendJson<DecisionResponse & ProblemBody>(
      'POST',
      `${replica.url}/v1/decisions`,
      body,
    );
    expect(status).toBe(200);
    const logged = (await getJson<LoggedDecisionView>(`${replica.url}/v1/decisions/${decision.decisionId}`))
      .body!;
    return { ...decision, logged };
  };
  const basePoint = {
    actions: [
      { id: 'a', payload: { template: 'a' } },
      { id: 'b', payload: { template: 'b' } },
      { id: 'c', payload: { template: 'c' } },
    ],
    policy: { kind: 'lin-ucb', alpha: 1 },
    contextFeatures: ['bias', 'x'],
    rewardWaitSeconds: 5,
    defaultReward: 1,
    holdoutShare: 0,
  };

  it('decides on replica B with the policy version replica A just learned', async () => {
    const name = uniqueName('learned-elsewhere');
    expect((await putPoint(replicaA, name, basePoint)).status).toBe(201);
    const before = await decide(replicaB, {
      userId: uniqueName('u'),
      decisionPoint: name,
      context: { bias: 1 },
    });
    expect(before.logged.modelVersion).toBe('lin-ucb@0');

    for (let i = 0; i < 3; i++)
      await decide(replicaA, { userId: uniqueName('u'), decisionPoint: name, context: { bias: 1, x: i } });
    // A closes all four decisions after their window and learns them (default reward 1).
    await waitFor(
      async () => {
        const { body } = await getJson<PolicyState>(
          `${replicaA.url}/v1/admin/decision-points/${name}/policy`,
          admin,
        );
        return body?.version === 4 ? true : undefined;
      },
      { timeoutMs: 30_000, description: `replica A learned the 4 decisions of ${name}` },
    );

    const after = await decide(replicaB, {
      userId: uniqueName('u'),
      decisionPoint: name,
      context: { bias: 1 },
    });
    expect(after.logged.modelVersion).toBe('lin-ucb@4');
    const { body: state } = await getJson<PolicyState>(
      `${replicaB.url}/v1/admin/decision-points/${name}/policy`,
      admin,
    );
    expect(Object.values(state!.arms).reduce((sum, arm) => sum + arm.updates, 0)).toBe(4);
  });

  it('applies a decision point changed through replica A to the next decision on replica B', async () => {
    const name = uniqueName('reconfigured-elsewhere');
    expect((await putPoint(replicaA, name, basePoint)).status).toBe(201);
    const first = await decide(replicaB, { userId: uniqueName('u'), decisionPoint: name });
    expect(['a', 'b', 'c']).toContain(first.actionId);

    // Every action but a new one retired: B must offer only it, with its payload.
    expect(
      (
        await putPoint(replicaA, name, {
          ...basePoint,
          actions: [{ id: 'only', payload: { template: 'o' } }],
        })
      ).status,
    ).toBe(200);
    const retired = await decide(replicaB, { userId: uniqueName('u'), decisionPoint: name });
    expect(retired).toMatchObject({ actionId: 'only', payload: { template: 'o' }, propensity: 1 });

    // Everything held out: B serves uniformly and logs it as the holdout.
    expect(
      (
        await putPoint(replicaA, name, {
          ...basePoint,
          actions: [
            { id: 'x', payload: {} },
            { id: 'y', payload: {} },
          ],
          holdoutShare: 1,
        })
      ).status,
    ).toBe(200);
    const heldOut = await decide(replicaB, { userId: uniqueName('u'), decisionPoint: name });
    expect(['x', 'y']).toContain(heldOut.actionId);
    expect(heldOut.propensity).toBeCloseTo(0.5, 12);
    expect(heldOut.logged.policy).toBe('uniform-holdout');
  });
});
