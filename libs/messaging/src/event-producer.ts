import { CompressionTypes, Partitioners, type Kafka, type Producer, type IHeaders } from 'kafkajs';
import { problemsOf } from '@userops/contracts';
import type { z } from 'zod';
import { BrokerUnavailableError, ContractViolationError } from './errors';

export interface OutgoingMessage<T> {
  key: string;
  /** null writes a tombstone (compacted topics). */
  value: T | null;
  headers?: Record<string, string>;
}

/**
 * A value kafkajs writes as it is: a JSON string goes straight into the request's buffer, where a
 * Buffer made from it first would be one more allocation and copy per message.
 */
interface RawMessage {
  key: string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

interface PendingSend {
  topic: string;
  messages: RawMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface EventProducerOptions {
  /** Reject a send that Kafka has not acknowledged within this time (ms). */
  sendTimeoutMs?: number;
  /** Most sends allowed in flight at once; more reject at once so callers can shed load. */
  maxPendingSends?: number;
  /** Most messages coalesced into one produce request. */
  maxMessagesPerRequest?: number;
}

/**
 * Idempotent, acks=all producer of JSON values. `send` resolves only when every replica in the
 * ISR acknowledged the batch, and rejects with BrokerUnavailableError when Kafka does not answer
 * in time or too many sends are pending: never a silent success.
 *
 * An idempotent producer keeps one request in flight per broker, so concurrent callers would
 * each wait a full acknowledgement round trip in turn. Sends that arrive while a request is in
 * flight are coalesced into the next request instead (like the Java client's linger), and each
 * caller's promise settles with the request that carried its messages.
 *
 * After a failed send the producer session is replaced (a new producer id). A request kafkajs
 * gave up on may still have been written; continuing the same session would give the next,
 * different batch the same sequence numbers, and the broker would acknowledge it as a duplicate
 * without writing it: an acknowledged event lost. The Java client bumps its epoch for the same reason.
 */
export class EventProducer {
  private producer: Producer;
  private sessionBroken = false;
  private closed = false;
  private readonly sendTimeoutMs: number;
  private readonly maxPendingSends: number;
  private readonly maxMessagesPerRequest: number;
  private pendingSends = 0;
  private connected = false;
  private readonly queue: PendingSend[] = [];
  private flushing = false;

  constructor(
    private readonly kafka: Kafka,
    options: EventProducerOptions = {},
  ) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
    this.maxPendingSends = options.maxPendingSends ?? 10_000;
    this.maxMessagesPerRequest = options.maxMessagesPerRequest ?? 5000;
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (producer === this.producer) this.connected = false;
    });
    producer.on(producer.events.CONNECT, () => {
      if (producer === this.producer) this.connected = true;
    });
    return producer;
  }

  /** Replaces a broken session with a new producer (new producer id); see the class comment. */
  private async renewSession(): Promise<void> {
    const broken = this.producer;
    this.producer = this.createProducer();
    this.connected = false;
    await broken.disconnect().catch(() => undefined);
    await this.producer.connect();
    this.sessionBroken = false;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get pending(): number {
    return this.pendingSends;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    await this.producer.disconnect();
  }

  /** Validates each value with the topic's schema (when given) and writes them in one batch. */
  async send<S extends z.ZodType>(
    topic: string,
    messages: Array<OutgoingMessage<z.input<S>>>,
    schema?: S,
  ): Promise<void> {
    if (schema) {
      for (const message of messages) {
        if (message.value === null) continue;
        const result = schema.safeParse(message.value);
        if (!result.success) {
          throw new ContractViolationError(topic, problemsOf(result.error));
        }
      }
    }
    await this.sendRaw(
      topic,
      messages.map((m) => ({
        key: m.key,
        value: m.value === null ? null : JSON.stringify(m.value),
        headers: m.headers,
      })),
    );
  }

  /** Writes pre-encoded values (used for dead letters, which carry foreign bytes). */
  async sendRaw(topic: string, messages: RawMessage[]): Promise<void> {
    if (this.pendingSends >= this.maxPendingSends) {
      throw new BrokerUnavailableError(topic, `${this.pendingSends} sends already waiting for Kafka`);
    }
    this.pendingSends += 1;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new BrokerUnavailableError(topic, `no acknowledgement within ${this.sendTimeoutMs} ms`)),
          this.sendTimeoutMs,
        );
      });
      await Promise.race([this.enqueue(topic, messages), timeout]);
    } catch (error) {
      if (error instanceof BrokerUnavailableError) throw error;
      throw new BrokerUnavailableError(topic, (error as Error).message);
    } finally {
      clearTimeout(timer);
      this.pendingSends -= 1;
    }
  }

  private enqueue(topic: string, messages: PendingSend['messages']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const carried: PendingSend[] = [];
        let count = 0;
        while (
          this.queue.length > 0 &&
          (carried.length === 0 || count + this.queue[0]!.messages.length <= this.maxMessagesPerRequest)
        ) {
          const next = this.queue.shift()!;
          carried.push(next);
          count += next.messages.length;
        }
        const byTopic = new Map<string, PendingSend['messages']>();
        for (const send of carried)
          byTopic.set(send.topic, [...(byTopic.get(send.topic) ?? []), ...send.messages]);
        try {
          if (this.closed) throw new Error('the producer was disconnected');
          if (this.sessionBroken) await this.renewSession();
          await this.producer.sendBatch({
            acks: -1,
            compression: CompressionTypes.None,
            topicMessages: [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages })),
          });
          for (const send of carried) send.resolve();
        } catch (error) {
          this.sessionBroken = true;
          for (const send of carried) send.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
