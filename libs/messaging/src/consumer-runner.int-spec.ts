import { deadLetterRecord, deadLetterTopicOf, type DeadLetterRecord } from '@userops/contracts';
import { createTestTopic, readTopic, testKafka, uniqueName, waitFor } from '@userops/testing';
import { z } from 'zod';
import { ConsumerRunner, EventProducer, UseropsError } from '.';

const greeting = z.object({ id: z.number().int(), text: z.string() });
type Greeting = z.output<typeof greeting>;

describe('ConsumerRunner against a real broker', () => {
  const kafka = testKafka();
  let producer: EventProducer;
  const runners: Array<ConsumerRunner<typeof greeting>> = [];

  beforeAll(async () => {
    producer = new EventProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await producer.disconnect();
  });

  async function run(topic: string, handle: (value: Greeting) => Promise<void>, maxAttempts = 3) {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: deadLetterTopicOf(topic) }], waitForLeaders: true });
    await admin.disconnect();
    const runner = new ConsumerRunner({
      kafka,
      groupId: uniqueName('runner'),
      topic,
      schema: greeting,
      deadLetters: producer,
      maxAttempts,
      retryBackoffMs: { initial: 20, max: 100 },
      handle: ({ value }) => handle(value),
    });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  function deadLetters(topic: string, count: number): Promise<DeadLetterRecord[]> {
    return readTopic(kafka, deadLetterTopicOf(topic), count).then((messages) =>
      messages.map((m) => deadLetterRecord.parse(JSON.parse(m.value!.toString()))),
    );
  }

  it('dead-letters a poison message and a schema violation with their errors, then handles the next good message', async () => {
    const topic = await createTestTopic(kafka, 'poison');
    const handled: Greeting[] = [];
    await run(topic, async (value) => void handled.push(value));

    await producer.sendRaw(topic, [
      { key: 'k', value: Buffer.from('{not json') },
      { key: 'k', value: Buffer.from(JSON.stringify({ id: 'seven', text: 'hi' })) },
      { key: 'k', value: Buffer.from(JSON.stringify({ id: 8, text: 'good' })) },
    ]);

    await waitFor(() => handled.length === 1, { description: 'the good message to be handled' });
    expect(handled).toEqual([{ id: 8, text: 'good' }]);

    const [poison, violation] = await deadLetters(topic, 2);
    expect(poison!.error).toMatchObject({ code: 'MALFORMED_MESSAGE', retriable: false });
    expect(poison!.error.message).toContain(`message on ${topic} is not valid JSON`);
    expect(Buffer.from(poison!.originalValueBase64!, 'base64').toString()).toBe('{not json');
    expect(poison!.source).toEqual({ topic, partition: 0, offset: '0', key: 'k' });
    expect(poison!.attempts).toBe(1);

    expect(violation!.error.code).toBe('CONTRACT_VIOLATION');
    expect(violation!.error.message).toBe(
      `message on ${topic} breaks its schema: id: Invalid input: expected number, received string`,
    );
    expect(violation!.source.offset).toBe('1');
  });

  it('retries a retriable failure until it succeeds, without dead-lettering', async () => {
    const topic = await createTestTopic(kafka, 'flaky');
    let calls = 0;
    const handled: Greeting[] = [];
    await run(topic, async (value) => {
      calls += 1;
      if (calls < 3) throw new UseropsError('DB_BUSY', 'database busy', true);
      handled.push(value);
    });
    await producer.send(topic, [{ key: 'k', value: { id: 1, text: 'once' } }], greeting);
    await waitFor(() => handled.length === 1, { description: 'the message to succeed on its third attempt' });
    expect(calls).toBe(3);
  });

  it('dead-letters after maxAttempts of a retriable failure, and at once for a non-retriable one', async () => {
    const topic = await createTestTopic(kafka, 'failing');
    const attemptsById = new Map<number, number>();
    const handled: number[] = [];
    await run(
      topic,
      async ({ id }) => {
        attemptsById.set(id, (attemptsById.get(id) ?? 0) + 1);
        if (id === 1) throw new UseropsError('DOWNSTREAM_TIMEOUT', 'downstream timed out', true);
        if (id === 2) throw new UseropsError('UNKNOWN_DECISION', 'decision does not exist', false);
        handled.push(id);
      },
      3,
    );
    await producer.send(
      topic,
      [1, 2, 3].map((id) => ({ key: 'same-partition', value: { id, text: `m${id}` } })),
      greeting,
    );
    await waitFor(() => handled.includes(3), { description: 'message 3 after the two failures' });
    const letters = await deadLetters(topic, 2);
    expect(letters.map((l) => [l.error.code, l.attempts, l.error.retriable])).toEqual([
      ['DOWNSTREAM_TIMEOUT', 3, true],
      ['UNKNOWN_DECISION', 1, false],
    ]);
    expect(attemptsById.get(1)).toBe(3);
    expect(attemptsById.get(2)).toBe(1);
  });
});
