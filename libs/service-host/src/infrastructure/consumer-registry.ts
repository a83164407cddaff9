import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { ConsumerRunner, type ConsumerSettings, type EventProducer } from '@userops/messaging';
import type { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import type { Counter } from 'prom-client';
import type { z } from 'zod';
import { ReadinessChecks } from '../health/readiness-checks';
import { EVENT_PRODUCER, KAFKA } from './tokens';

export const consumerMessagesMetric = 'userops_consumer_messages_total';

/**
 * Holds the service's consumers: they start only after HTTP listens and dependencies are ready,
 * and stop first on shutdown (before the producer and pools they use are closed).
 */
@Injectable()
export class ConsumerRegistry {
  private readonly runners: Array<ConsumerRunner<z.ZodType>> = [];

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PRODUCER) private readonly deadLetters: EventProducer,
    private readonly readiness: ReadinessChecks,
    private readonly logger: PinoLogger,
    @InjectMetric(consumerMessagesMetric) private readonly outcomes: Counter<'topic' | 'outcome'>,
  ) {
    this.logger.setContext('consumers');
  }

  /**
   * Creates a runner on the service's Kafka client, dead-lettering through its producer, with its
   * logger and metrics; it starts with startAll(). `handle` consumes one message at a time;
   * `handleBatch` (opt-in) gets the valid messages of a fetched batch together (see ConsumerRunner).
   */
  register<S extends z.ZodType>(options: ConsumerSettings<S>): ConsumerRunner<S> {
    const runner = new ConsumerRunner<S>({
      ...options,
      kafka: this.kafka,
      deadLetters: this.deadLetters,
      logger: {
        info: (message, extra) => this.logger.info(extra ?? {}, message),
        warn: (message, extra) => this.logger.warn(extra ?? {}, message),
        error: (message, extra) => this.logger.error(extra ?? {}, message),
      },
      onOutcome: (outcome, topic) => this.outcomes.inc({ topic, outcome }),
    });
    this.runners.push(runner as unknown as ConsumerRunner<z.ZodType>);
    this.readiness.register(`consumer:${options.topic}`, async () => {
      const health = runner.health;
      return health.running ? { up: true } : { up: false, error: health.error ?? 'not running' };
    });
    return runner;
  }

  async startAll(): Promise<void> {
    for (const runner of this.runners) await runner.start();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
