import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { ADMIN_TOKEN, AdminTokenGuard, serviceModulesFor } from '@userops/service-host';
import { ChurnModelService } from './churn/churn-model.service';
import { ChurnRegistry } from './churn/churn.registry';
import type { SegmentationConfig } from './config';
import { EventsConsumer } from './features/events.consumer';
import { InsightsConsumer } from './features/insights.consumer';
import { LiveFeatureStore } from './features/live-feature.store';
import { AdminModelsController } from './kmeans/admin-models.controller';
import { KMeansModelService } from './kmeans/kmeans-model.service';
import { KMeansRegistry } from './kmeans/kmeans.registry';
import { SegmentChangeOutbox } from './outbox/segment-change.outbox';
import { SegmentChangeRelay } from './outbox/segment-change.relay';
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
    const { imports, topics } = serviceModulesFor(config, {
      serviceName: 'segmentation',
      consumes: ['events', 'insight', 'userDeleted'],
      produces: ['segmentChanged', 'profiles'],
      migrationsDir: join(__dirname, '../migrations'),
    });
    return {
      module: AppModule,
      imports,
      controllers: [SegmentsController, AdminModelsController],
      providers: [
        { provide: SEGMENTATION_CONFIG, useValue: config },
        { provide: SEGMENTATION_TOPICS, useValue: topics },
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
        SegmentChangeOutbox,
        SegmentChangeRelay,
        ProfileFlushService,
        SegmentQueryService,
        UserDeletionService,
        EventsConsumer,
        InsightsConsumer,
        UserDeletedConsumer,
      ],
    };
  }
}
