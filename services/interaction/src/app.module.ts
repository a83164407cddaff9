import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { ADMIN_TOKEN, AdminTokenGuard, serviceModulesFor } from '@userops/service-host';
import type { InteractionConfig } from './config';
import { DecisionPointService } from './decision-points/decision-point.service';
import { DecisionPointsController } from './decision-points/decision-points.controller';
import { DecisionLogWriter } from './decisions/decision-log.writer';
import { DecisionService } from './decisions/decision.service';
import { DecisionsController } from './decisions/decisions.controller';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { PolicyEvaluationService } from './evaluations/policy-evaluation.service';
import { SentimentProjectionConsumer } from './insights/sentiment-projection.consumer';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from './interaction.tokens';
import { PolicyStore } from './policy/policy-store';
import { ProfileProjectionConsumer } from './profiles/profile-projection.consumer';
import { DecisionCloser } from './rewards/decision-closer';
import { RewardEventsConsumer } from './rewards/reward-events.consumer';
import { RewardService } from './rewards/reward.service';
import { SegmentChangedConsumer } from './rules/segment-changed.consumer';
import { SegmentRuleService } from './rules/segment-rule.service';
import { forgottenUserMetricProvider } from './users/forgotten-users';
import { UserDeletedConsumer } from './users/user-deleted.consumer';

@Module({})
export class AppModule {
  static forConfig(config: InteractionConfig): DynamicModule {
    const { imports, topics } = serviceModulesFor(config, {
      serviceName: 'interaction',
      consumes: ['events', 'profiles', 'insight', 'segmentChanged', 'userDeleted'],
      produces: ['action'],
      migrationsDir: join(__dirname, '../migrations'),
    });
    return {
      module: AppModule,
      imports,
      controllers: [DecisionPointsController, EvaluationsController, DecisionsController],
      providers: [
        { provide: INTERACTION_CONFIG, useValue: config },
        { provide: INTERACTION_TOPICS, useValue: topics },
        {
          provide: ADMIN_TOKEN,
          useValue: { token: config.INTERACTION_ADMIN_TOKEN, variable: 'INTERACTION_ADMIN_TOKEN' },
        },
        AdminTokenGuard,
        forgottenUserMetricProvider,
        DecisionPointService,
        PolicyStore,
        DecisionLogWriter,
        DecisionService,
        PolicyEvaluationService,
        RewardService,
        DecisionCloser,
        SegmentRuleService,
        RewardEventsConsumer,
        ProfileProjectionConsumer,
        SentimentProjectionConsumer,
        SegmentChangedConsumer,
        UserDeletedConsumer,
      ],
    };
  }
}
