import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { ADMIN_TOKEN, AdminTokenGuard, serviceModulesFor } from '@userops/service-host';
import { AnalysisController } from './analysis/analysis.controller';
import { TextAnalysisService } from './analysis/text-analysis.service';
import type { InsightConfig } from './config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from './insight.tokens';
import { KeywordCorpusStore } from './keywords/keyword-corpus.store';
import { InsightRepository } from './persistence/insight.repository';
import { InsightReportService } from './reports/insight-report.service';
import { SegmentsController } from './reports/segments.controller';
import { UsersController } from './reports/users.controller';
import { SegmentChangedConsumer } from './segments/segment-changed.consumer';
import { SegmentProjectionService } from './segments/segment-projection.service';
import { insightMetricProviders } from './texts/insight.metrics';
import { TextEventsConsumer } from './texts/text-events.consumer';
import { TextInsightService } from './texts/text-insight.service';
import { TopicAdminController } from './topics/topic-admin.controller';
import { TopicExamplesService } from './topics/topic-examples.service';
import { TopicModelRepository } from './topics/topic-model.repository';
import { TopicModelService } from './topics/topic-model.service';
import { forgottenUserMetricProvider } from './users/forgotten-users';
import { UserDeletedConsumer } from './users/user-deleted.consumer';
import { UserDeletionService } from './users/user-deletion.service';

@Module({})
export class AppModule {
  static forConfig(config: InsightConfig): DynamicModule {
    const { imports, topics } = serviceModulesFor(config, {
      serviceName: 'insight',
      consumes: ['events', 'segmentChanged', 'userDeleted'],
      produces: ['insight'],
      migrationsDir: join(__dirname, '../migrations'),
    });
    return {
      module: AppModule,
      imports,
      controllers: [AnalysisController, UsersController, SegmentsController, TopicAdminController],
      providers: [
        { provide: INSIGHT_CONFIG, useValue: config },
        { provide: INSIGHT_TOPICS, useValue: topics },
        {
          provide: ADMIN_TOKEN,
          useValue: { token: config.INSIGHT_ADMIN_TOKEN, variable: 'INSIGHT_ADMIN_TOKEN' },
        },
        AdminTokenGuard,
        ...insightMetricProviders,
        forgottenUserMetricProvider,
        KeywordCorpusStore,
        TextAnalysisService,
        InsightRepository,
        TextInsightService,
        SegmentProjectionService,
        UserDeletionService,
        InsightReportService,
        TopicModelRepository,
        TopicExamplesService,
        TopicModelService,
        TextEventsConsumer,
        SegmentChangedConsumer,
        UserDeletedConsumer,
      ],
    };
  }
}
