import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { topicsWithPrefix } from '@userops/contracts';
import { ADMIN_TOKEN, AdminTokenGuard, serviceModules } from '@userops/service-host';
import { ChurnModelService } from './churn/churn-model.service';
import { ChurnRegistry } from './churn/churn.registry';
import type { SegmentationConfig } from './config';
import { EventsConsumer } from './features/events.consumer';
import { LiveFeatureStore } from './features/live-feature.store';
import { ProblemFilter } from '@userops/service-host';
import { AdminModelsController } from './kmeans/admin-models.controller';
import { KMeansModelService } from './kmeans/kmeans-model.service';
import { KMeansRegistry } from './kmeans/kmeans.registry';
import { SegmentationRepository } from './persistence/segmentation.repository';
import { ProfileFlushService } from './profiles/profile-flush.service';
import { SegmentPublisher } from './profiles/segment-publisher';
import { RfmModelService } from './rfm/rfm-model.service';
import { SegmentQueryService } from './segments/segment-query.service';
import { SegmentsController } from './segments/segments.controller';
import { segmentationMetricProviders } from './segmentation.metrics';
import { SEGMENTATION_CONFIG, SEGMENTATION_TOPICS } from './segmentation.tokens';
import { UserDeletedConsumer } from './users/user-deleted.consumer';
import { UserDeletionService } from './users/user-deletion.service';

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
          // Every topic consumed gets a DLQ, so a poison message never stalls its partition.
          topics: [
            { topic: topics.events, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.userDeleted, partitions, replicationFactor, withDeadLetters: true },
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
      controllers: [SegmentsController, AdminModelsController],
      providers: [
        { provide: SEGMENTATION_CONFIG, useValue: config },
        { provide: SEGMENTATION_TOPICS, useValue: topics },
        { provide: APP_FILTER, useClass: ProblemFilter },
        {
          provide: ADMIN_TOKEN,
          useValue: { token: config.SEGMENTATION_ADMIN_TOKEN, variable: 'SEGMENTATION_ADMIN_TOKEN' },
        },
        AdminTokenGuard,
        ...segmentationMetricProviders,
        LiveFeatureStore,
        SegmentationRepository,
        RfmModelService,
        KMeansRegistry,
        KMeansModelService,
        ChurnRegistry,
        ChurnModelService,
        SegmentPublisher,
        ProfileFlushService,
        SegmentQueryService,
        UserDeletionService,
        EventsConsumer,
        UserDeletedConsumer,
      ],
    };
  }
}
