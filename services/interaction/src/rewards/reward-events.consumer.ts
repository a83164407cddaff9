import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { eventEnvelope, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { InteractionConfig } from '../config';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from '../interaction.tokens';
import { forgottenUserMessagesMetric } from '../users/forgotten-users';
import { RewardService } from './reward.service';

/** userops.events.v1 → RewardService (events without properties.decisionId are skipped). */
@Injectable()
export class RewardEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(INTERACTION_TOPICS) private readonly topics: TopicMap,
    private readonly rewards: RewardService,
    @InjectMetric(forgottenUserMessagesMetric) private readonly forgottenUsers: Counter<'topic'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: this.config.INTERACTION_CONSUMER_GROUP,
      topic: this.topics.events,
      schema: eventEnvelope,
      maxAttempts: this.config.INTERACTION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        if ((await this.rewards.handle(value)) === 'forgotten-user')
          this.forgottenUsers.inc({ topic: this.topics.events });
      },
    });
  }
}
