import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { createKafka, EventProducer, provisionTopics, type TopicSpec } from '@userops/messaging';
import {
  checkPostgres,
  checkRedis,
  createPostgresPool,
  createRedisClient,
  migrateUp,
} from '@userops/storage';
import type Redis from 'ioredis';
import type { Admin, Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import { ReadinessChecks } from '../health/readiness-checks';
import { ConsumerRegistry, consumerMessagesMetric } from './consumer-registry';
import { EVENT_PRODUCER, INFRASTRUCTURE_OPTIONS, KAFKA, PG_POOL, REDIS } from './tokens';

export interface InfrastructureOptions {
  serviceName: string;
  kafka: { brokers: string[]; topics: TopicSpec[]; sendTimeoutMs?: number; maxPendingSends?: number };
  postgres?: { databaseUrl: string; schema: string; migrationsDir: string };
  redis?: { url: string };
}

class InfrastructureLifecycle implements OnModuleInit, OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    @Inject(INFRASTRUCTURE_OPTIONS) private readonly options: InfrastructureOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(PG_POOL) private readonly pool: Pool | null,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly readiness: ReadinessChecks,
    private readonly consumers: ConsumerRegistry,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('infrastructure');
  }

  async onModuleInit(): Promise<void> {
    const { postgres, kafka } = this.options;
    await provisionTopics(this.kafka, kafka.topics);
    await this.producer.connect();
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const admin = this.admin;
    this.readiness.register('kafka', async () => {
      const started = Date.now();
      try {
        await admin.describeCluster();
        return { up: true, latencyMs: Date.now() - started };
      } catch (error) {
        return { up: false, error: (error as Error).message };
      }
    });
    if (this.pool && postgres) {
      const applied = await migrateUp({
        pool: this.pool,
        dir: postgres.migrationsDir,
        schema: postgres.schema,
      });
      if (applied.length > 0) this.logger.info({ applied }, 'applied database migrations');
      const pool = this.pool;
      this.readiness.register('postgres', () => checkPostgres(pool));
    }
    if (this.redis) {
      const redis = this.redis;
      this.readiness.register('redis', () => checkRedis(redis));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers.stopAll();
    await this.producer.disconnect();
    await this.admin?.disconnect();
    await this.pool?.end();
    if (this.redis) await this.redis.quit();
  }
}

/** Kafka, PostgreSQL (with migrations) and Redis clients for one service, with readiness checks. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: INFRASTRUCTURE_OPTIONS, useValue: options },
        {
          provide: KAFKA,
          inject: [PinoLogger],
          useFactory: (logger: PinoLogger) =>
            createKafka({
              brokers: options.kafka.brokers,
              clientId: options.serviceName,
              log: (level, message, extra) => logger[level](extra, message),
            }),
        },
        {
          provide: EVENT_PRODUCER,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) =>
            new EventProducer(kafka, {
              sendTimeoutMs: options.kafka.sendTimeoutMs,
              maxPendingSends: options.kafka.maxPendingSends,
            }),
        },
        {
          provide: PG_POOL,
          useFactory: () =>
            options.postgres
              ? createPostgresPool({
                  databaseUrl: options.postgres.databaseUrl,
                  schema: options.postgres.schema,
                  applicationName: options.serviceName,
                })
              : null,
        },
        { provide: REDIS, useFactory: () => (options.redis ? createRedisClient(options.redis.url) : null) },
        makeCounterProvider({
          name: consumerMessagesMetric,
          help: 'Messages consumed, by topic and outcome (handled, retried, dead-lettered).',
          labelNames: ['topic', 'outcome'],
        }),
        ConsumerRegistry,
        InfrastructureLifecycle,
      ],
      exports: [KAFKA, EVENT_PRODUCER, PG_POOL, REDIS, ConsumerRegistry],
    };
  }
}
