import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { topicsWithPrefix } from '@userops/contracts';
import { serviceModules } from '@userops/service-host';
import type { SegmentationConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: SegmentationConfig): DynamicModule {
    const partitions = config.KAFKA_TOPIC_PARTITIONS;
    const replicationFactor = config.KAFKA_REPLICATION_FACTOR;
    const topics = topicsWithPrefix(config.KAFKA_TOPIC_PREFIX);
    return {
      module: AppModule,
      imports: serviceModules({
        serviceName: 'segmentation',
        logLevel: config.LOG_LEVEL,
        kafka: {
          brokers: config.KAFKA_BROKERS,
          topics: [
            { topic: topics.events, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.segmentChanged, partitions, replicationFactor },
            { topic: topics.profiles, partitions, replicationFactor, compacted: true },
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
