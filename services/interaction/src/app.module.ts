import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { topicsWithPrefix } from '@userops/contracts';
import { serviceModules, ADMIN_TOKEN, AdminTokenGuard } from '@userops/service-host';
import type { InteractionConfig } from './config';
import { DecisionPointService } from './decision-points/decision-point.service';
import { DecisionPointsController } from './decision-points/decision-points.controller';
import { DecisionService } from './decisions/decision.service';
import { DecisionsController } from './decisions/decisions.controller';
import { ProblemFilter } from '@userops/service-host';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from './interaction.tokens';
import { PolicyStore } from './policy/policy-store';
import { ProfileProjectionConsumer } from './profiles/profile-projection.consumer';
import { DecisionCloser } from './rewards/decision-closer';
import { RewardEventsConsumer } from './rewards/reward-events.consumer';
import { RewardService } from './rewards/reward.service';
import { SegmentChangedConsumer } from './rules/segment-changed.consumer';
import { SegmentRuleService } from './rules/segment-rule.service';
import { UserDeletedConsumer } from './users/user-deleted.consumer';

@Module({})
export class AppModule {
  static forConfig(config: InteractionConfig): DynamicModule {
    const partitions = config.KAFKA_TOPIC_PARTITIONS;
    const replicationFactor = config.KAFKA_REPLICATION_FACTOR;
    const topics = topicsWithPrefix(config.KAFKA_TOPIC_PREFIX);
    return {
      module: AppModule,
      imports: serviceModules({
        serviceName: 'interaction',
        logLevel: config.LOG_LEVEL,
        kafka: {
          brokers: config.KAFKA_BROKERS,
          // Every topic consumed gets a DLQ, so a poison message never stalls its partition.
          topics: [
            { topic: topics.events, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.profiles, partitions, replicationFactor, compacted: true, withDeadLetters: true },
            { topic: topics.segmentChanged, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.userDeleted, partitions, replicationFactor, withDeadLetters: true },
            { topic: topics.action, partitions, replicationFactor },
          ],
        },
        postgres: {
          databaseUrl: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          migrationsDir: join(__dirname, '../migrations'),
        },
        redis: { url: config.REDIS_URL },
      }),
      controllers: [DecisionPointsController, DecisionsController],
      providers: [
        { provide: INTERACTION_CONFIG, useValue: config },
        { provide: INTERACTION_TOPICS, useValue: topics },
        { provide: APP_FILTER, useClass: ProblemFilter },
        {
          provide: ADMIN_TOKEN,
          useValue: { token: config.INTERACTION_ADMIN_TOKEN, variable: 'INTERACTION_ADMIN_TOKEN' },
        },
        AdminTokenGuard,
        DecisionPointService,
        PolicyStore,
        DecisionService,
        RewardService,
        DecisionCloser,
        SegmentRuleService,
        RewardEventsConsumer,
        ProfileProjectionConsumer,
        SegmentChangedConsumer,
        UserDeletedConsumer,
      ],
    };
  }
}
