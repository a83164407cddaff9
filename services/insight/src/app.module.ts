import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { topicsWithPrefix } from '@userops/contracts';
import { serviceModules } from '@userops/service-host';
import { AnalysisController } from './analysis/analysis.controller';
import { TextAnalysisService } from './analysis/text-analysis.service';
import type { InsightConfig } from './config';
import { ProblemFilter } from '@userops/service-host';
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
          // Every topic consumed gets a DLQ, so a poison message never stalls its partition.
          topics: [
            { topic: topics.events, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.segmentChanged, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.userDeleted, partitions, replicationFactor, withDeadLetters: true },
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
      controllers: [AnalysisController, UsersController, SegmentsController],
      providers: [
        { provide: INSIGHT_CONFIG, useValue: config },
        { provide: INSIGHT_TOPICS, useValue: topics },
        { provide: APP_FILTER, useClass: ProblemFilter },
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
