import { deadLetterTopicOf, problemsOf, type DeadLetterRecord } from '@userops/contracts';
import type { Consumer, EachBatchPayload, EachMessagePayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { ContractViolationError, errorCodeOf, isRetriable, MalformedMessageError } from './errors';
import type { EventProducer } from './event-producer';

/** A message after decoding and validation: handlers never see raw bytes or unchecked JSON. */
export interface ReceivedMessage<T> {
  value: T;
  key: string | null;
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
  /** Broker timestamp (ms since epoch, as a string, as kafkajs gives it). */
  timestamp: string;
}

export type TombstoneMessage = Omit<ReceivedMessage<never>, 'value'> & { value: null };

export interface ConsumerLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** What a runner needs from its service: the client, the dead-letter writer, logging and metrics. */
export interface ConsumerWiring {
  kafka: Kafka;
  /** Writes dead letters; the runner does not own it (connect/disconnect is the caller's). */
  deadLetters: EventProducer;
  logger?: ConsumerLogger;
  /** Observes each outcome (for metrics). */
  onOutcome?: (outcome: 'handled' | 'retried' | 'dead-lettered', topic: string) => void;
}

/** One message at a time (the default), or the valid messages of a fetched batch together. */
export type MessageHandling<T> =
  | {
      handle: (message: ReceivedMessage<T>) => Promise<void>;
      handleBatch?: never;
      maxBatchSize?: never;
    }
  | {
      /**
       * Batch mode (opt-in): called with consecutive valid messages of one partition, in offset
       * order, at most `maxBatchSize` at a time. Offsets are resolved only after it returns. When it
       * throws, each of those messages is handled again on its own (`handleBatch([message])`) with
       * the per-message retry and dead-letter policy, so it must be idempotent per message like
       * `handle`: effects of a batch that failed part-way are redone.
       */
      handleBatch: (messages: ReadonlyArray<ReceivedMessage<T>>) => Promise<void>;
      /** Most messages per handleBatch call (a fetch holds up to maxBytesPerPartition); 100 unless set. */
      maxBatchSize?: number;
      handle?: never;
    };

/** What a service chooses about a consumer (see ConsumerRegistry.register). */
export type ConsumerSettings<S extends z.ZodType> = MessageHandling<z.output<S>> & {
  groupId: string;
  topic: string;
  schema: S;
  /** Compacted topics carry null values after a deletion; without this they are skipped. */
  handleTombstone?: (message: TombstoneMessage) => Promise<void>;
  /** Attempts per message before it is dead-lettered, counting the first. */
  maxAttempts?: number;
  retryBackoffMs?: { initial: number; max: number };
  fromBeginning?: boolean;
  /** Partitions handled in parallel by this replica; order within a partition is always kept. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxWaitTimeMs?: number;
};

export type ConsumerRunnerOptions<S extends z.ZodType> = ConsumerWiring & ConsumerSettings<S>;

type MessageBase = Omit<ReceivedMessage<never>, 'value'>;

const defaultMaxBatchSize = 100;

/** Consecutive slices of at most `size` items, in order. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Runs `work` while calling `heartbeat` every `intervalMs` (one call at a time), so a long batch
 * does not let the group session expire. A failed heartbeat (a rebalance, typically) does not
 * interrupt the work: the caller resolves what the work finished and then heartbeats itself,
 * which surfaces the same failure to kafkajs so it rejoins.
 */
export async function withHeartbeats<T>(
  heartbeat: () => Promise<void>,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  let beating: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (beating) return;
    beating = heartbeat()
      .catch(() => undefined)
      .finally(() => (beating = undefined));
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await beating;
  }
}

const silentLogger: ConsumerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

function baseOf(topic: string, partition: number, message: KafkaMessage): MessageBase {
  return {
    key: message.key?.toString() ?? null,
    topic,
    partition,
    offset: message.offset,
    headers: headersToStrings(message.headers),
    timestamp: message.timestamp,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one consumer group member on one topic: decode → validate with the contract → handler,
 * retrying retriable failures with exponential backoff and dead-lettering the rest (or any
 * message still failing after maxAttempts) so the partition moves on. Offsets are committed only
 * after a message was handled or dead-lettered, so delivery is at least once; handlers make their
 * effects idempotent (by eventId) to absorb redeliveries. With `handleBatch` instead of `handle`
 * the valid messages of a fetch are handled together, under the same guarantees (processBatch).
 */
export class ConsumerRunner<S extends z.ZodType> {
  private readonly consumer: Consumer;
  private readonly maxAttempts: number;
  private readonly backoff: { initial: number; max: number };
  private readonly heartbeatIntervalMs: number;
  private readonly logger: ConsumerLogger;
  private running = false;
  private crashed: Error | undefined;
  private joined = false;
  private stopping = false;

  constructor(private readonly options: ConsumerRunnerOptions<S>) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoff = options.retryBackoffMs ?? { initial: 200, max: 5000 };
    this.logger = options.logger ?? silentLogger;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1000;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.heartbeatIntervalMs,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.joined = true));
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload as { error: Error; restart: boolean };
      if (!restart) this.crashed = error;
      this.logger.error('consumer crashed', { groupId: options.groupId, error: error.message, restart });
    });
  }

  /** The underlying kafkajs consumer, for instrumentation (events such as GROUP_JOIN). */
  get kafkaConsumer(): Consumer {
    return this.consumer;
  }

  /** Healthy while running, not crashed for good. */
  get health(): { running: boolean; joined: boolean; error?: string } {
    return { running: this.running && !this.crashed, joined: this.joined, error: this.crashed?.message };
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.options.topic,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    const partitionsConsumedConcurrently = this.options.partitionsConsumedConcurrently ?? 1;
    if (this.options.handleBatch)
      await this.consumer.run({
        partitionsConsumedConcurrently,
        // Offsets are resolved here, only for messages whose handling finished (see processBatch).
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.processBatch(payload),
      });
    else
      await this.consumer.run({
        partitionsConsumedConcurrently,
        eachMessage: (payload) => this.process(payload),
      });
    this.running = true;
  }

  /** Stops fetching, lets in-flight handlers finish, commits their offsets and disconnects. */
  async stop(): Promise<void> {
    if (!this.running || this.stopping) return;
    this.stopping = true;
    await this.consumer.disconnect();
    this.running = false;
  }

  private async process({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const base = baseOf(topic, partition, message);
    if (message.value === null) {
      if (this.options.handleTombstone)
        await this.attempt(base, () => this.options.handleTombstone!({ ...base, value: null }), null);
      return;
    }
    let decoded: ReceivedMessage<z.output<S>>;
    try {
      decoded = { ...base, value: this.decode(topic, message.value) };
    } catch (error) {
      await this.deadLetter(base, message.value, error, 1);
      return;
    }
    await this.attempt(base, () => this.handleOne(decoded), message.value);
  }

  private handleOne(message: ReceivedMessage<z.output<S>>): Promise<void> {
    return this.options.handle ? this.options.handle(message) : this.options.handleBatch!([message]);
  }

  /**
   * Batch mode. The fetched batch (one partition, offset order) is walked in slices of
   * maxBatchSize: each message is decoded and validated on its own (a bad one is dead-lettered at
   * once), a tombstone is handled on its own where it stands, and the valid messages between them
   * go to handleBatch together. When handleBatch throws, those messages are handled one by one
   * with the per-message retry and dead-letter policy, in order, so a poison message costs only
   * itself. An offset is resolved only once everything up to it was handled or dead-lettered;
   * kafkajs commits the resolved offsets (and, after a throw, nothing beyond them). On stop or
   * rebalance the slice in flight finishes and the rest of the batch is left for the next owner.
   */
  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    for (const slice of chunksOf(batch.messages, this.options.maxBatchSize ?? defaultMaxBatchSize)) {
      if (!isRunning() || isStale()) return;
      let pending: Array<{ message: ReceivedMessage<z.output<S>>; bytes: Buffer }> = [];
      const flush = async () => {
        if (pending.length === 0) return;
        await this.handleRun(pending, resolveOffset, heartbeat);
        resolveOffset(pending.at(-1)!.message.offset);
        pending = [];
      };
      for (const message of slice) {
        const base = baseOf(topic, partition, message);
        if (message.value === null) {
          if (!this.options.handleTombstone) continue;
          await flush();
          await this.attempt(base, () => this.options.handleTombstone!({ ...base, value: null }), null);
          resolveOffset(base.offset);
          continue;
        }
        try {
          pending.push({
            message: { ...base, value: this.decode(topic, message.value) },
            bytes: message.value,
          });
        } catch (error) {
          await this.deadLetter(base, message.value, error, 1);
        }
      }
      await flush();
      // Dead-lettered and skipped messages after the last handled one are done too.
      resolveOffset(slice.at(-1)!.offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }

  private async handleRun(
    run: ReadonlyArray<{ message: ReceivedMessage<z.output<S>>; bytes: Buffer }>,
    resolveOffset: (offset: string) => void,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const messages = run.map(({ message }) => message);
    try {
      await withHeartbeats(heartbeat, this.heartbeatIntervalMs, () => this.options.handleBatch!(messages));
    } catch (error) {
      const first = messages[0]!;
      this.logger.warn('batch handler failed, handling its messages one by one', {
        topic: first.topic,
        partition: first.partition,
        fromOffset: first.offset,
        toOffset: messages.at(-1)!.offset,
        messages: messages.length,
        error: (error as Error)?.message ?? String(error),
      });
      for (const { message, bytes } of run) {
        const { value: _value, ...base } = message;
        await this.attempt(base, () => this.options.handleBatch!([message]), bytes);
        resolveOffset(message.offset);
        await heartbeat();
      }
      return;
    }
    for (const message of messages) this.options.onOutcome?.('handled', message.topic);
  }

  private decode(topic: string, bytes: Buffer): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new MalformedMessageError(topic, (error as Error).message);
    }
    const result = this.options.schema.safeParse(json);
    if (!result.success) throw new ContractViolationError(topic, problemsOf(result.error));
    return result.data as z.output<S>;
  }

  private async attempt(base: MessageBase, run: () => Promise<void>, bytes: Buffer | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await run();
        this.options.onOutcome?.('handled', base.topic);
        return;
      } catch (error) {
        const retriable = isRetriable(error);
        if (!retriable || attempt >= this.maxAttempts || this.stopping) {
          if (this.stopping && retriable && attempt < this.maxAttempts) throw error; // redelivered after restart
          await this.deadLetter(base, bytes, error, attempt);
          return;
        }
        this.options.onOutcome?.('retried', base.topic);
        const delay = Math.min(this.backoff.max, this.backoff.initial * 2 ** (attempt - 1));
        this.logger.warn('handler failed, retrying', {
          topic: base.topic,
          partition: base.partition,
          offset: base.offset,
          attempt,
          delayMs: delay,
          error: (error as Error).message,
        });
        await sleep(delay);
      }
    }
  }

  private async deadLetter(
    base: MessageBase,
    bytes: Buffer | null,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const record: DeadLetterRecord = {
      schemaVersion: 1,
      source: { topic: base.topic, partition: base.partition, offset: base.offset, key: base.key },
      consumerGroup: this.options.groupId,
      error: {
        code: errorCodeOf(error),
        message: (error as Error)?.message ?? String(error),
        retriable: isRetriable(error),
      },
      attempts,
      failedAt: new Date().toISOString(),
      originalValueBase64: bytes === null ? null : bytes.toString('base64'),
      originalHeaders: base.headers,
    };
    // If this write fails the error propagates: the offset is not committed and the message comes back.
    await this.options.deadLetters.sendRaw(deadLetterTopicOf(base.topic), [
      {
        key: base.key,
        value: Buffer.from(JSON.stringify(record)),
        headers: { 'x-userops-error-code': record.error.code },
      },
    ]);
    this.options.onOutcome?.('dead-lettered', base.topic);
    this.logger.error('message dead-lettered', {
      topic: base.topic,
      partition: base.partition,
      offset: base.offset,
      code: record.error.code,
      attempts,
      error: record.error.message,
    });
  }
}
