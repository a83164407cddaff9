import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { assertTestDatabase, createPostgresPool, quoteIdentifier } from '@userops/storage';
import {
  createTestTopic,
  testEndpoints,
  testKafka,
  uniqueName,
  uniqueSchemaName,
  waitFor,
} from '@userops/testing';
import type { Pool } from 'pg';
import { applyOnce, countedEvent, createLedger } from '../test-fixtures/effect-ledger';
import { ConsumerRunner, EventProducer } from '.';

const total = 20_000;
const repoRoot = join(__dirname, '../../..');

describe('at-least-once consumption with idempotent effects (real Kafka + PostgreSQL)', () => {
  const kafka = testKafka();
  const schema = uniqueSchemaName('alo');
  let pool: Pool;
  let producer: EventProducer;
  let child: ChildProcess | undefined;
  let survivor: ConsumerRunner<typeof countedEvent> | undefined;

  beforeAll(async () => {
    assertTestDatabase(testEndpoints().databaseUrl);
    pool = createPostgresPool({ databaseUrl: testEndpoints().databaseUrl, schema, maxConnections: 6 });
    await pool.query(`create schema ${quoteIdentifier(schema)}`);
    await createLedger(pool);
    producer = new EventProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop();
    await producer.disconnect();
    await pool.query(`drop schema ${quoteIdentifier(schema)} cascade`);
    await pool.end();
  });

  it('handles all 20,000 events after one of two consumers is killed, applying each effect exactly once', async () => {
    // The survivor waits out the victim's session timeout before taking its partitions.
    const topic = await createTestTopic(kafka, 'alo', 6);
    const groupId = uniqueName('alo-group');

    child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, '../test-fixtures/effect-consumer.process.ts'),
        topic,
        groupId,
        schema,
        'victim',
      ],
      { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let childJoined = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('joined')) childJoined = true;
    });
    await waitFor(() => childJoined, {
      timeoutMs: 60_000,
      description: 'the victim consumer to join its group',
    });

    const deadLetters = producer;
    survivor = new ConsumerRunner({
      kafka,
      groupId,
      topic,
      schema: countedEvent,
      deadLetters,
      partitionsConsumedConcurrently: 3,
      handle: async ({ value }) => applyOnce(pool, 'survivor', value),
    });
    await survivor.start();
    await waitFor(() => survivor!.health.joined, { timeoutMs: 60_000, description: 'the survivor to join' });

    for (let start = 0; start < total; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, total - start) }, (_, i) => ({
        key: `user-${(start + i) % 500}`,
        value: { eventId: randomUUID(), sequence: start + i },
      }));
      await producer.send(topic, batch, countedEvent);
    }

    const victimDeliveries = async () =>
      Number((await pool.query("select count(*) from deliveries where consumer = 'victim'")).rows[0].count);
    await waitFor(async () => (await victimDeliveries()) >= 1000, {
      timeoutMs: 60_000,
      description: 'the victim to handle 1000 events',
    });
    child.kill('SIGKILL');
    const handledByVictim = await victimDeliveries();

    await waitFor(
      async () => {
        const { rows } = await pool.query(
          'select count(distinct event_id)::int as distinct_events from deliveries',
        );
        return rows[0].distinct_events === total;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: `all ${total} events delivered` },
    );

    const { rows } = await pool.query(
      'select count(*)::int as deliveries, count(distinct event_id)::int as distinct_events, (select count(*)::int from effects) as applied from deliveries',
    );
    const redelivered = await pool.query(
      "select count(distinct event_id)::int as n from deliveries d where consumer = 'victim' and exists (select 1 from deliveries s where s.event_id = d.event_id and s.consumer = 'survivor')",
    );
    expect(handledByVictim).toBeGreaterThanOrEqual(1000);
    expect(rows[0].distinct_events).toBe(total);
    // kafkajs commits a partition's offsets after each fetched batch: what the victim handled of
    // the batch it was killed in was not committed, so it came again to the survivor...
    expect(redelivered.rows[0].n).toBeGreaterThan(0);
    expect(rows[0].deliveries).toBeGreaterThanOrEqual(total + redelivered.rows[0].n);
    // ...and the idempotency key absorbed every duplicate.
    expect(rows[0].applied).toBe(total);
  }, 400_000);
});
