import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventEnvelope, insightEvent, Topics } from '@userops/contracts';
import {
  readTopic,
  type ServiceProcess,
  serviceTestEnv,
  startServiceProcess,
  testEnvelope,
  testKafka,
  uniqueName,
  uniqueSchemaName,
  waitFor,
} from '@userops/testing';
import type { TopicExampleListing } from '../src/topics/topic-examples.service';
import type { StoredTopicExample, TopicModelActivation } from '../src/topics/topic-model.repository';
import type { RetrainedTopicModel, TopicModelHistory } from '../src/topics/topic-model.service';
import type { VersionedAnalysis } from '../src/analysis/text-analysis.service';
import { type ProblemBody, requestJson, type RunningInsight, startInsight } from './insight-app';

const adminToken = 'insight-test-admin-token-0123';

// A label the starter set lacks, as a team would send it: the same examples whose held-out
// figures libs/nlp's retraining unit test pins.
const billingDisputes = (
  JSON.parse(
    readFileSync(join(__dirname, '../../../libs/nlp/data/billing-dispute.examples.json'), 'utf8'),
  ) as { examples: Array<{ text: string; labels: string[] }> }
).examples;
const disputeText = 'I was charged twice and my refund never came';

type Analysed = Extract<VersionedAnalysis, { status: 'analysed' }>;

describe('insight: topic model management through the admin API, hot-swapped on every replica', () => {
  const schema = uniqueSchemaName('insight');
  const env = {
    DATABASE_SCHEMA: schema,
    INSIGHT_ADMIN_TOKEN: adminToken,
    INSIGHT_TOPIC_MODEL_POLL_INTERVAL_MS: '200',
    // Shared too: replicas rank keywords against one corpus.
    INSIGHT_REDIS_PREFIX: `${uniqueName('test')}:`,
  };
  // Two replicas of one deployment sharing the database schema: one in this process, the other
  // a separate process started from main.ts, as an operator would run it.
  let first: RunningInsight;
  let second: ServiceProcess;
  const kafka = testKafka();
  const startSecond = () =>
    startServiceProcess(
      join(__dirname, '../src/main.ts'),
      serviceTestEnv('insight', {
        ...env,
        KAFKA_TOPIC_PREFIX: `${uniqueName('t')}.`,
        INSIGHT_CONSUMER_GROUP: uniqueName('insight'),
      }),
    );

  const admin = <T>(
    replica: { url: string },
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ) => requestJson<T>(method, `${replica.url}/admin/topics${path}`, { body, token: adminToken });
  const analyse = async (replica: { url: string }, text: string) => {
    const { status, body } = await requestJson<Analysed>('POST', `${replica.url}/v1/analyse`, {
      body: { text },
    });
    expect(status).toBe(200);
    return body;
  };
  const servedVersion = (replica: { url: string }, version: number) =>
    waitFor(
      async () => {
        const analysis = await analyse(replica, disputeText);
        return analysis.topicModelVersion === version ? analysis : undefined;
      },
      { timeoutMs: 15_000, description: `${replica.url} to serve topic model v${version}` },
    );

  beforeAll(async () => {
    // One after the other: the second finds the schema the first migrated.
    first = await startInsight(env);
    second = await startSecond();
  });

  afterAll(async () => {
    await second?.stop();
    await first?.close();
  });

  it('refuses admin calls without the bearer token (401) and serves the shipped model as version 0', async () => {
    const anonymous = await requestJson<ProblemBody>('GET', `${first.url}/admin/topics/models`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('INVALID_ADMIN_TOKEN');
    const wrong = await requestJson<ProblemBody>('POST', `${first.url}/admin/topics/examples`, {
      body: { examples: billingDisputes },
      token: 'not-the-admin-token-at-all',
    });
    expect(wrong.status).toBe(401);

    const { status, body } = await admin<TopicModelHistory>(first, 'GET', '/models');
    expect(status).toBe(200);
    expect(body.active.version).toBe(0);
    expect(body.served.version).toBe(0);
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({ version: 0, builtin: true, active: true });
    expect(body.versions[0]!.metrics.heldOut.macroF1).toBeGreaterThanOrEqual(0.7);

    const analysis = await analyse(first, disputeText);
    expect(analysis.topicModelVersion).toBe(0);
    expect(analysis.topics.map((topic) => topic.label)).not.toContain('billing-dispute');
  });

  it('answers 400 with the path and reason of every bad field', async () => {
    const examples = await admin<ProblemBody>(first, 'POST', '/examples', {
      examples: [
        { text: '   ', labels: ['billing-dispute'] },
        { text: 'Charged twice', labels: ['Billing Dispute'] },
        { text: 'Charged twice', labels: [] },
        { labels: ['billing-dispute'] },
      ],
    });
    expect(examples.status).toBe(400);
    expect(examples.body.error.code).toBe('VALIDATION_FAILED');
    expect(examples.body.error.problems).toEqual([
      { path: 'examples[0].text', message: expect.stringContaining('no letters or digits') },
      { path: 'examples[1].labels[0]', message: expect.stringContaining('kebab-case') },
      { path: 'examples[2].labels', message: 'must name at least one label' },
      { path: 'examples[3].text', message: 'is required and must be a string' },
    ]);
    expect((await admin<ProblemBody>(first, 'POST', '/examples', {})).body.error.problems).toEqual([
      { path: 'examples', message: 'is required and must be an array of {text, labels}' },
    ]);

    const retrain = await admin<ProblemBody>(first, 'POST', '/retrain', { activate: 'yes' });
    expect(retrain.status).toBe(400);
    expect(retrain.body.error.problems).toEqual([{ path: 'activate', message: 'must be true or false' }]);
    const version = await admin<ProblemBody>(first, 'POST', '/models/latest/activate');
    expect(version.status).toBe(400);
    expect(version.body.error.problems?.[0]?.path).toBe('version');
    const removal = await admin<ProblemBody>(first, 'DELETE', '/examples/42');
    expect(removal.status).toBe(400);
    expect(removal.body.error.problems?.[0]?.path).toBe('exampleId');
    const listing = await admin<ProblemBody>(first, 'GET', '/examples?limit=0');
    expect(listing.status).toBe(400);
    expect(listing.body.error.problems?.[0]?.path).toBe('limit');
  });

  it('refuses to retrain while a new label has too few examples (422 naming the label)', async () => {
    const added = await admin<{ added: StoredTopicExample[] }>(first, 'POST', '/examples', {
      examples: billingDisputes.slice(0, 3),
    });
    expect(added.status).toBe(201);
    const { status, body } = await admin<ProblemBody>(first, 'POST', '/retrain');
    expect(status).toBe(422);
    expect(body.error.code).toBe('TOO_FEW_EXAMPLES');
    expect(body.error.problems).toEqual([
      { path: 'labels.billing-dispute', message: 'has 3 examples, needs at least 10' },
    ]);
    expect((await admin<TopicModelHistory>(first, 'GET', '/models')).body.versions).toHaveLength(1);
  });

  it('lists and removes team examples', async () => {
    const added = await admin<{ added: StoredTopicExample[] }>(first, 'POST', '/examples', {
      examples: [...billingDisputes.slice(3), { text: 'An example added by mistake', labels: ['praise'] }],
    });
    expect(added.status).toBe(201);
    expect(added.body.added).toHaveLength(18);
    const mistake = added.body.added.find((example) => example.text === 'An example added by mistake')!;
    expect(mistake).toMatchObject({ labels: ['praise'], id: expect.any(String) });

    const removed = await admin<undefined>(first, 'DELETE', `/examples/${mistake.id}`);
    expect(removed.status).toBe(204);
    expect((await admin<ProblemBody>(first, 'DELETE', `/examples/${mistake.id}`)).status).toBe(404);

    const { status, body } = await admin<TopicExampleListing>(
      first,
      'GET',
      '/examples?label=billing-dispute&limit=5',
    );
    expect(status).toBe(200);
    expect(body.total).toBe(20);
    expect(body.examples).toHaveLength(5);
    expect(body.labels.find((entry) => entry.label === 'billing-dispute')).toEqual({
      label: 'billing-dispute',
      starterExamples: 0,
      teamExamples: 20,
    });
    expect(body.labels.find((entry) => entry.label === 'praise')).toMatchObject({ teamExamples: 0 });
  });

  it('retrains with the new label, stores the version with its figures and serves it on both replicas', async () => {
    const { status, body: retrained } = await admin<RetrainedTopicModel>(first, 'POST', '/retrain');
    expect(status).toBe(200);
    expect(retrained).toMatchObject({
      version: 1,
      active: true,
      examples: { team: 20, total: 524, test: 133 },
    });
    expect(retrained.labels).toContain('billing-dispute');
    expect(retrained.trainingMs).toBeGreaterThan(0);
    const dispute = retrained.metrics.heldOut.perLabel.find((metrics) => metrics.label === 'billing-dispute');
    expect(dispute).toMatchObject({ support: 5, precision: 1 });
    expect(retrained.metrics.heldOut.macroF1).toBeGreaterThanOrEqual(0.7);

    // The replica that trained serves the new version at once.
    const analysis = await analyse(first, disputeText);
    expect(analysis.topicModelVersion).toBe(1);
    expect(analysis.topics[0]?.label).toBe('billing-dispute');
    expect(analysis.models.topics).toBe(retrained.modelId);
    // The other replica picks it up on its next poll of the active version.
    expect((await servedVersion(second, 1)).topics[0]?.label).toBe('billing-dispute');

    const history = (await admin<TopicModelHistory>(second, 'GET', '/models')).body;
    expect(history.active.version).toBe(1);
    expect(history.served).toEqual({ version: 1, modelId: retrained.modelId });
    expect(history.versions.map((entry) => [entry.version, entry.active])).toEqual([
      [1, true],
      [0, false],
    ]);
    expect(history.versions[0]).toMatchObject({
      metrics: { heldOut: { macroF1: retrained.metrics.heldOut.macroF1 } },
      examples: retrained.examples,
      trainingMs: retrained.trainingMs,
    });
  });

  const sendText = async (text: string): Promise<EventEnvelope> => {
    const userId = uniqueName('writer');
    const envelope = testEnvelope(userId, { event: 'Support Ticket Created', properties: { text } });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic: `${first.topicPrefix}${Topics.events}`,
        acks: -1,
        messages: [{ key: userId, value: JSON.stringify(envelope) }],
      });
    } finally {
      await producer.disconnect();
    }
    return envelope;
  };

  it('tags each insight.v1 event with the topic model version that assigned its topics', async () => {
    const envelope = await sendText(disputeText);
    const [message] = await readTopic(kafka, `${first.topicPrefix}${Topics.insight}`, 1, 60_000);
    const event = insightEvent.parse(JSON.parse(message!.value!.toString()));
    expect(event).toMatchObject({ textEventId: envelope.eventId, topicModelVersion: 1 });
    expect(event.topics[0]?.label).toBe('billing-dispute');
  });

  it('ranks keywords against one corpus that every replica reads and the stream teaches', async () => {
    const scoreOf = async (replica: { url: string }) =>
      // One word, so no bigram covers it in the ranking.
      (await analyse(replica, 'zorblax')).keywords.find((keyword) => keyword.term === 'zorblax')?.score;
    // Never seen: idf = ln((1 + N)/(1 + 0)) + 1, which tells the corpus size N.
    const unseen = (await scoreOf(second))!;
    expect(unseen).toBeGreaterThan(7);
    expect(await scoreOf(first)).toBe(unseen);
    const documents = Math.exp(unseen - 1) - 1;
    // On-demand analyses do not teach the corpus.
    expect(await scoreOf(second)).toBe(unseen);

    // One stream text through the first replica: N + 1 documents, one of them with "zorblax".
    await sendText('The zorblax export keeps failing');
    const learned = await waitFor(
      async () => {
        const score = await scoreOf(second);
        return score !== undefined && score < unseen ? score : undefined;
      },
      { timeoutMs: 60_000, description: "the second replica to see the first replica's text in the corpus" },
    );
    expect(learned).toBeCloseTo(Math.log((documents + 2) / 2) + 1, 6);
  });

  it('stores a version without serving it, then activates and rolls back across replicas', async () => {
    const stored = await admin<RetrainedTopicModel>(first, 'POST', '/retrain', { activate: false });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ version: 2, active: false });
    // Same examples, same seeds: the same model, under a new version number.
    expect(stored.body.modelId).toBe(
      (await admin<TopicModelHistory>(first, 'GET', '/models')).body.versions[1]!.modelId,
    );
    expect((await analyse(first, disputeText)).topicModelVersion).toBe(1);

    const rollback = await admin<TopicModelActivation>(second, 'POST', '/models/0/activate');
    expect(rollback.status).toBe(200);
    expect(rollback.body.version).toBe(0);
    // The replica that took the call swaps at once, the other on its next poll.
    const shipped = await analyse(second, disputeText);
    expect(shipped.topicModelVersion).toBe(0);
    expect(shipped.topics.map((topic) => topic.label)).not.toContain('billing-dispute');
    await servedVersion(first, 0);

    const forward = await admin<TopicModelActivation>(first, 'POST', '/models/2/activate');
    expect(forward.status).toBe(200);
    expect((await analyse(first, disputeText)).topicModelVersion).toBe(2);
    expect((await servedVersion(second, 2)).topics[0]?.label).toBe('billing-dispute');

    const unknown = await admin<ProblemBody>(first, 'POST', '/models/99/activate');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('TOPIC_MODEL_NOT_FOUND');
    expect((await admin<TopicModelHistory>(first, 'GET', '/models')).body.active.version).toBe(2);
  });

  it('serves the active version from the start after a restart', async () => {
    expect(await second.stop()).toBe(0);
    second = await startSecond();
    const analysis = await analyse(second, disputeText);
    expect(analysis.topicModelVersion).toBe(2);
    expect(analysis.topics[0]?.label).toBe('billing-dispute');
  });
});
