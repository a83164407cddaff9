import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { topicsWithPrefix } from '@userops/contracts';
import { serviceModules } from '@userops/service-host';
import type { InsightConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: InsightConfig): DynamicModule {
    const partitions = config.KAFKA_TOPIC_PARTITIONS;
    const replicationFactor = config.KAFKA_REPLICATION_FACTOR;
    const topics = topicsWithPrefix(config.KAFKA_TOPIC_PREFIX);
    return {
      module: AppModule,
      imports: serviceModules({
        serviceName: 'insight',
        logLevel: config.LOG_LEVEL,
        kafka: {
          brokers: config.KAFKA_BROKERS,
          topics: [
            { topic: topics.events, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.insight, partitions, replicationFactor },
          ],
        },
        postgres: {
          databaseUrl: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          migrationsDir: join(__dirname, '../migrations'),
        },
        redis: { url: config.REDIS_URL },
      }),
    };
  }
}
