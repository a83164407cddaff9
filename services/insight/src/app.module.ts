import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { serviceModulesFor } from '@userops/service-host';
import { AnalysisController } from './analysis/analysis.controller';
import { TextAnalysisService } from './analysis/text-analysis.service';
import type { InsightConfig } from './config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from './insight.tokens';
import { InsightRepository } from './persistence/insight.repository';
import { InsightReportService } from './reports/insight-report.service';
import { SegmentsController } from './reports/segments.controller';
import { UsersController } from './reports/users.controller';
import { SegmentChangedConsumer } from './segments/segment-changed.consumer';
import { SegmentProjectionService } from './segments/segment-projection.service';
import { insightMetricProviders } from './texts/insight.metrics';
import { TextEventsConsumer } from './texts/text-events.consumer';
import { TextInsightService } from './texts/text-insight.service';
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
      controllers: [AnalysisController, UsersController, SegmentsController],
      providers: [
        { provide: INSIGHT_CONFIG, useValue: config },
        { provide: INSIGHT_TOPICS, useValue: topics },
        ...insightMetricProviders,
        TextAnalysisService,
        InsightRepository,
        TextInsightService,
        SegmentProjectionService,
        UserDeletionService,
        InsightReportService,
        TextEventsConsumer,
        SegmentChangedConsumer,
        UserDeletedConsumer,
      ],
    };
  }
}
