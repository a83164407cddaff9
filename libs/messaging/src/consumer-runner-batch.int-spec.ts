import { randomUUID } from 'node:crypto';
import { deadLetterRecord, deadLetterTopicOf, type DeadLetterRecord } from '@userops/contracts';
import { assertTestDatabase, createPostgresPool, quoteIdentifier } from '@userops/storage';
import {
  createTestTopic,
  readTopic,
  testEndpoints,
  testKafka,
  uniqueName,
  uniqueSchemaName,
  waitFor,
} from '@userops/testing';
import type { Pool } from 'pg';
import { applyOnce, countedEvent, type CountedEvent, createLedger } from '../test-fixtures/effect-ledger';
import { ConsumerRunner, EventProducer, type ReceivedMessage, UseropsError } from '.';

type Batch = ReadonlyArray<ReceivedMessage<CountedEvent>>;

describe('ConsumerRunner batch mode against a real broker (effects in PostgreSQL)', () => {
  const kafka = testKafka();
  const schema = uniqueSchemaName('batch');
  let pool: Pool;
  let producer: EventProducer;
  const runners: Array<ConsumerRunner<typeof countedEvent>> = [];

  beforeAll(async () => {
    assertTestDatabase(testEndpoints().databaseUrl);
    pool = createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema, maxConnections: 4 });
    await pool.query(`create schema ${quoteIdentifier(schema)}`);
    await createLedger(pool);
    producer = new EventProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await producer.disconnect();
    await pool.query(`drop schema ${quoteIdentifier(schema)} cascade`);
    await pool.end();
  });

  async function run(topic: string, handleBatch: (messages: Batch) => Promise<void>) {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: deadLetterTopicOf(topic) }], waitForLeaders: true });
    await admin.disconnect();
    const runner = new ConsumerRunner({
      kafka,
      groupId: uniqueName('batch-runner'),
      topic,
      schema: countedEvent,
      deadLetters: producer,
      maxAttempts: 3,
      retryBackoffMs: { initial: 20, max: 100 },
      maxBatchSize: 100,
      handleBatch,
    });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  /** Applies each message through the ledger: the effect once per eventId, every delivery logged. */
  const applyAll = (consumer: string) => async (messages: Batch) => {
    for (const { value } of messages) await applyOnce(pool, consumer, value);
  };

  async function ledger(consumer: string) {
    const { rows } = await pool.query(
      `select count(*)::int as deliveries, count(distinct d.event_id)::int as distinct_events,
         (select count(*)::int from effects e where e.event_id in (select event_id from deliveries where consumer = $1)) as effects
       from deliveries d where d.consumer = $1`,
      [consumer],
    );
    return rows[0] as { deliveries: number; distinct_events: number; effects: number };
  }

  const events = (count: number): CountedEvent[] =>
    Array.from({ length: count }, (_, sequence) => ({ eventId: randomUUID(), sequence }));

  it('dead-letters the bad message of a batch with its error and applies every other message once, in batches', async () => {
    const topic = await createTestTopic(kafka, 'batch-bad');
    const consumer = uniqueName('bad');
    const good = events(60);
    const sizes: number[] = [];
    const order: number[] = [];
    await producer.sendRaw(topic, [
      ...good.slice(0, 30).map((e) => ({ key: 'k', value: Buffer.from(JSON.stringify(e)) })),
      { key: 'k', value: Buffer.from(JSON.stringify({ eventId: 'not-a-uuid', sequence: 30 })) },
      ...good.slice(30).map((e) => ({ key: 'k', value: Buffer.from(JSON.stringify(e)) })),
    ]);
    await run(topic, async (messages) => {
      sizes.push(messages.length);
      order.push(...messages.map((m) => m.value.sequence));
      await applyAll(consumer)(messages);
    });

    await waitFor(async () => (await ledger(consumer)).effects === good.length, {
      description: `all ${good.length} good events applied`,
    });
    const [letter] = (await readTopic(kafka, deadLetterTopicOf(topic), 1)).map((m): DeadLetterRecord =>
      deadLetterRecord.parse(JSON.parse(m.value!.toString())),
    );
    expect(letter!.error).toMatchObject({ code: 'CONTRACT_VIOLATION', retriable: false });
    expect(letter!.source).toEqual({ topic, partition: 0, offset: '30', key: 'k' });
    expect(JSON.parse(Buffer.from(letter!.originalValueBase64!, 'base64').toString()).eventId).toBe(
      'not-a-uuid',
    );
    expect(await ledger(consumer)).toEqual({ deliveries: 60, distinct_events: 60, effects: 60 });
    expect(order).toEqual(good.map((e) => e.sequence));
    // Handled together, not one by one.
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  });

  it('redoes a batch that failed part-way one message at a time, losing nothing and applying nothing twice', async () => {
    const topic = await createTestTopic(kafka, 'batch-flaky');
    const consumer = uniqueName('flaky');
    const sent = events(40);
    let failures = 0;
    const sizes: number[] = [];
    await producer.send(
      topic,
      sent.map((value) => ({ key: 'k', value })),
      countedEvent,
    );
    await run(topic, async (messages) => {
      sizes.push(messages.length);
      if (failures === 0 && messages.length > 1) {
        failures += 1;
        // Half the batch takes effect before the failure, as a pipeline cut short would leave it.
        await applyAll(consumer)(messages.slice(0, Math.floor(messages.length / 2)));
        throw new UseropsError('STORE_BUSY', 'store busy, try again', true);
      }
      await applyAll(consumer)(messages);
    });

    await waitFor(async () => (await ledger(consumer)).distinct_events === sent.length, {
      description: `all ${sent.length} events delivered`,
    });
    const after = await ledger(consumer);
    expect(failures).toBe(1);
    expect(after.distinct_events).toBe(sent.length);
    // The half applied before the failure came again (deliveries) and was absorbed (effects).
    expect(after.deliveries).toBeGreaterThan(sent.length);
    expect(after.effects).toBe(sent.length);
    const { rows } = await pool.query(
      'select count(*)::int as n from effects where event_id = any($1::uuid[])',
      [sent.map((e) => e.eventId)],
    );
    expect(rows[0].n).toBe(sent.length);
    // The fallback handled the failed batch's messages on their own.
    expect(sizes.filter((size) => size === 1).length).toBeGreaterThan(0);
  });
});
