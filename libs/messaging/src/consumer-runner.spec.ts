import { deadLetterRecord, deadLetterTopicOf } from '@userops/contracts';
import type { Consumer, ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { z } from 'zod';
import {
  chunksOf,
  ConsumerRunner,
  type EventProducer,
  type ReceivedMessage,
  UseropsError,
  withHeartbeats,
} from '.';

const item = z.object({ id: z.number().int() });
type Item = z.output<typeof item>;
const topic = 'userops.items.v1';

/** A kafkajs consumer stand-in that hands the runner's eachBatch to the test instead of a broker. */
function fakeKafka() {
  let config: ConsumerRunConfig | undefined;
  const consumer = {
    events: { GROUP_JOIN: 'join', CRASH: 'crash' },
    on: () => undefined,
    connect: async () => undefined,
    subscribe: async () => undefined,
    disconnect: async () => undefined,
    run: async (runConfig: ConsumerRunConfig) => void (config = runConfig),
  } as unknown as Consumer;
  return { kafka: { consumer: () => consumer } as unknown as Kafka, config: () => config! };
}

function fakeDeadLetters() {
  const sent: Array<{ topic: string; value: Buffer }> = [];
  const producer = {
    sendRaw: async (to: string, messages: Array<{ value: Buffer }>) =>
      void sent.push(...messages.map((m) => ({ topic: to, value: m.value }))),
  } as unknown as EventProducer;
  return {
    producer,
    records: () =>
      sent.map((s) => ({ topic: s.topic, ...deadLetterRecord.parse(JSON.parse(s.value.toString())) })),
  };
}

const message = (offset: number, value: unknown): KafkaMessage =>
  ({
    key: Buffer.from('k'),
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    offset: String(offset),
    timestamp: '0',
    headers: {},
    attributes: 0,
  }) as KafkaMessage;

/** Drives one eachBatch call the way kafkajs does, recording resolved offsets and heartbeats. */
async function deliver(
  config: ConsumerRunConfig,
  messages: KafkaMessage[],
  control: { running?: () => boolean } = {},
): Promise<{ resolved: string[]; heartbeats: number; error?: unknown }> {
  const resolved: string[] = [];
  let heartbeats = 0;
  const payload = {
    batch: { topic, partition: 0, messages },
    resolveOffset: (offset: string) => void resolved.push(offset),
    heartbeat: async () => void (heartbeats += 1),
    commitOffsetsIfNecessary: async () => undefined,
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: control.running ?? (() => true),
    isStale: () => false,
    pause: () => () => undefined,
  } as unknown as EachBatchPayload;
  try {
    await config.eachBatch!(payload);
    return { resolved, heartbeats };
  } catch (error) {
    return { resolved, heartbeats, error };
  }
}

async function startBatchRunner(
  handleBatch: (messages: ReadonlyArray<ReceivedMessage<Item>>) => Promise<void>,
  extra: { maxBatchSize?: number; maxAttempts?: number } = {},
) {
  const { kafka, config } = fakeKafka();
  const deadLetters = fakeDeadLetters();
  const outcomes: string[] = [];
  const runner = new ConsumerRunner({
    kafka,
    groupId: 'g',
    topic,
    schema: item,
    deadLetters: deadLetters.producer,
    retryBackoffMs: { initial: 1, max: 1 },
    onOutcome: (outcome) => void outcomes.push(outcome),
    handleBatch,
    ...extra,
  });
  await runner.start();
  expect(config().eachBatchAutoResolve).toBe(false);
  expect(config().eachMessage).toBeUndefined();
  return { runner, config: config(), deadLetters, outcomes };
}

describe('chunksOf', () => {
  it('cuts into consecutive slices of at most the size, keeping order', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunksOf([], 3)).toEqual([]);
    expect(() => chunksOf([1], 0)).toThrow('chunk size must be a positive integer, got 0');
  });
});

describe('withHeartbeats', () => {
  it('heartbeats while the work runs, stops after, and ignores a failed heartbeat', async () => {
    let beats = 0;
    const result = await withHeartbeats(
      async () => {
        beats += 1;
        throw new Error('rebalancing');
      },
      5,
      () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 60)),
    );
    const beatsAtEnd = beats;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(result).toBe('done');
    expect(beatsAtEnd).toBeGreaterThanOrEqual(3);
    expect(beats).toBe(beatsAtEnd);
  });

  it('passes the work failure through', async () => {
    await expect(
      withHeartbeats(
        async () => undefined,
        5,
        () => Promise.reject(new Error('boom')),
      ),
    ).rejects.toThrow('boom');
  });
});

describe('ConsumerRunner batch mode', () => {
  it('hands valid messages over together in slices, dead-letters a bad one on its own and resolves each slice', async () => {
    const calls: number[][] = [];
    const { config, deadLetters, outcomes } = await startBatchRunner(
      async (messages) => void calls.push(messages.map((m) => m.value.id)),
      { maxBatchSize: 3 },
    );
    const { resolved, heartbeats, error } = await deliver(config, [
      message(10, { id: 1 }),
      message(11, '{not json'),
      message(12, { id: 3 }),
      message(13, { id: 'four' }),
      message(14, { id: 5 }),
    ]);
    expect(error).toBeUndefined();
    expect(calls).toEqual([[1, 3], [5]]);
    expect(resolved.at(-1)).toBe('14');
    expect(resolved).toContain('12');
    expect(heartbeats).toBeGreaterThanOrEqual(2);
    expect(deadLetters.records().map((r) => [r.topic, r.source.offset, r.error.code])).toEqual([
      [deadLetterTopicOf(topic), '11', 'MALFORMED_MESSAGE'],
      [deadLetterTopicOf(topic), '13', 'CONTRACT_VIOLATION'],
    ]);
    expect(outcomes.filter((o) => o === 'handled')).toHaveLength(3);
  });

  it('falls back to one message at a time when the batch fails: the poison one is dead-lettered, the others handled in order', async () => {
    const applied: number[] = [];
    const { config, deadLetters } = await startBatchRunner(
      async (messages) => {
        if (messages.some((m) => m.value.id === 2))
          throw new UseropsError('BAD_ITEM', 'item 2 cannot be applied', false);
        applied.push(...messages.map((m) => m.value.id));
      },
      { maxAttempts: 2 },
    );
    const { resolved, error } = await deliver(
      config,
      [1, 2, 3].map((id) => message(id, { id })),
    );
    expect(error).toBeUndefined();
    expect(applied).toEqual([1, 3]);
    expect(resolved).toEqual(['1', '2', '3', '3', '3']);
    expect(deadLetters.records().map((r) => [r.source.offset, r.error.code, r.attempts])).toEqual([
      ['2', 'BAD_ITEM', 1],
    ]);
  });

  it('retries a retriable failure per message in the fallback and resolves nothing past a message it could not finish', async () => {
    let batchCalls = 0;
    const { config, runner } = await startBatchRunner(async () => {
      batchCalls += 1;
      throw new UseropsError('REDIS_DOWN', 'redis is down', true);
    });
    // Stopping turns the retriable failure into a throw: the message comes back after the restart.
    await runner.stop();
    const { resolved, error } = await deliver(config, [message(1, { id: 1 }), message(2, { id: 2 })]);
    expect((error as UseropsError).code).toBe('REDIS_DOWN');
    expect(resolved).toEqual([]);
    expect(batchCalls).toBe(2);
  });

  it('finishes the slice in flight on stop and leaves the rest of the batch unresolved', async () => {
    let running = true;
    const calls: number[][] = [];
    const { config } = await startBatchRunner(
      async (messages) => {
        calls.push(messages.map((m) => m.value.id));
        running = false;
      },
      { maxBatchSize: 2 },
    );
    const { resolved } = await deliver(
      config,
      [1, 2, 3, 4].map((id) => message(id, { id })),
      { running: () => running },
    );
    expect(calls).toEqual([[1, 2]]);
    expect(resolved.at(-1)).toBe('2');
  });

  it('keeps per-message mode for a consumer with handle', async () => {
    const { kafka, config } = fakeKafka();
    await new ConsumerRunner({
      kafka,
      groupId: 'g',
      topic,
      schema: item,
      deadLetters: fakeDeadLetters().producer,
      handle: async () => undefined,
    }).start();
    expect(config().eachMessage).toBeDefined();
    expect(config().eachBatch).toBeUndefined();
  });
});
