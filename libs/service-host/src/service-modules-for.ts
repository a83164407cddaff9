import type { DynamicModule } from '@nestjs/common';
import { compactedTopicKeys, type TopicKey, type TopicMap, topicsWithPrefix } from '@userops/contracts';
import type { TopicSpec } from '@userops/messaging';
import type { z } from 'zod';
import type { baseEnvironment } from './config/load-config';
import { serviceModules } from './service-module';

type BaseEnvironment = { [K in keyof typeof baseEnvironment]: z.output<(typeof baseEnvironment)[K]> };

/** The settings every service has: the base environment plus the schema it owns. */
export type ServiceConfig = BaseEnvironment & { DATABASE_SCHEMA: string };

export interface ServiceShape {
  serviceName: string;
  /** Topics the service reads: each is provisioned with its dead-letter topic. */
  consumes: TopicKey[];
  produces: TopicKey[];
  migrationsDir: string;
  kafkaSend?: { sendTimeoutMs?: number; maxPendingSends?: number };
}

/** Topic specs from what a service consumes and produces, under the configured prefix and sizes. */
export function topicSpecsFor(
  config: ServiceConfig,
  shape: Pick<ServiceShape, 'consumes' | 'produces'>,
): TopicSpec[] {
  const names = topicsWithPrefix(config.KAFKA_TOPIC_PREFIX);
  const spec = (key: TopicKey, withDeadLetters: boolean): TopicSpec => ({
    topic: names[key],
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    compacted: compactedTopicKeys.includes(key),
    withDeadLetters,
  });
  const produced = shape.produces.filter((key) => !shape.consumes.includes(key));
  return [...shape.consumes.map((key) => spec(key, true)), ...produced.map((key) => spec(key, false))];
}

/** serviceModules wired from a service's validated config: one place for the shape all four share. */
export function serviceModulesFor(
  config: ServiceConfig,
  shape: ServiceShape,
): { imports: DynamicModule[]; topics: TopicMap } {
  return {
    topics: topicsWithPrefix(config.KAFKA_TOPIC_PREFIX),
    imports: serviceModules({
      serviceName: shape.serviceName,
      logLevel: config.LOG_LEVEL,
      kafka: { brokers: config.KAFKA_BROKERS, topics: topicSpecsFor(config, shape), ...shape.kafkaSend },
      postgres: {
        databaseUrl: config.DATABASE_URL,
        schema: config.DATABASE_SCHEMA,
        migrationsDir: shape.migrationsDir,
      },
      redis: { url: config.REDIS_URL },
    }),
  };
}
