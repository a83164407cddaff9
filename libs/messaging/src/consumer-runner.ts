import { deadLetterTopicOf, problemsOf, type DeadLetterRecord } from '@userops/contracts';
import type { Consumer, EachMessagePayload, IHeaders, Kafka } from 'kafkajs';
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

export interface ConsumerRunnerOptions<S extends z.ZodType> {
  kafka: Kafka;
  groupId: string;
  topic: string;
  schema: S;
  handle: (message: ReceivedMessage<z.output<S>>) => Promise<void>;
  /** Compacted topics carry null values after a deletion; without this they are skipped. */
  handleTombstone?: (message: TombstoneMessage) => Promise<void>;
  /** Writes dead letters; the runner does not own it (connect/disconnect is the caller's). */
  deadLetters: EventProducer;
  /** Attempts per message before it is dead-lettered, counting the first. */
  maxAttempts?: number;
  retryBackoffMs?: { initial: number; max: number };
  fromBeginning?: boolean;
  /** Partitions handled in parallel by this replica; order within a partition is always kept. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxWaitTimeMs?: number;
  logger?: ConsumerLogger;
  /** Observes each outcome (for metrics). */
  onOutcome?: (outcome: 'handled' | 'retried' | 'dead-lettered', topic: string) => void;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one consumer group member on one topic: decode → validate with the contract → handler,
 * retrying retriable failures with exponential backoff and dead-lettering the rest (or any
 * message still failing after maxAttempts) so the partition moves on. Offsets are committed only
 * after a message was handled or dead-lettered, so delivery is at least once; handlers make their
 * effects idempotent (by eventId) to absorb redeliveries.
 */
export class ConsumerRunner<S extends z.ZodType> {
  private readonly consumer: Consumer;
  private readonly maxAttempts: number;
  private readonly backoff: { initial: number; max: number };
  private readonly logger: ConsumerLogger;
  private running = false;
  private crashed: Error | undefined;
  private joined = false;
  private stopping = false;

  constructor(private readonly options: ConsumerRunnerOptions<S>) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoff = options.retryBackoffMs ?? { initial: 200, max: 5000 };
    this.logger = options.logger ?? silentLogger;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 1000,
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
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
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
    const base = {
      key: message.key?.toString() ?? null,
      topic,
      partition,
      offset: message.offset,
      headers: headersToStrings(message.headers),
      timestamp: message.timestamp,
    };
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
    await this.attempt(base, () => this.options.handle(decoded), message.value);
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

  private async attempt(
    base: Omit<ReceivedMessage<never>, 'value'>,
    run: () => Promise<void>,
    bytes: Buffer | null,
  ): Promise<void> {
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
    base: Omit<ReceivedMessage<never>, 'value'>,
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
