import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { segmentChangedEvent, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { InteractionConfig } from '../config';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from '../interaction.tokens';
import { forgottenUserMessagesMetric } from '../users/forgotten-users';
import { SegmentRuleService } from './segment-rule.service';

/** userops.segment-changed.v1 → SegmentRuleService (registered only when rules are configured). */
@Injectable()
export class SegmentChangedConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(INTERACTION_TOPICS) private readonly topics: TopicMap,
    private readonly rules: SegmentRuleService,
    @InjectMetric(forgottenUserMessagesMetric) private readonly forgottenUsers: Counter<'topic'>,
  ) {}

  onModuleInit(): void {
    if (this.config.INTERACTION_RULES.length === 0) return;
    this.registry.register({
      groupId: `${this.config.INTERACTION_CONSUMER_GROUP}.rules`,
      topic: this.topics.segmentChanged,
      schema: segmentChangedEvent,
      maxAttempts: this.config.INTERACTION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        const { forgottenUser } = await this.rules.handle(value);
        if (forgottenUser) this.forgottenUsers.inc({ topic: this.topics.segmentChanged });
      },
    });
  }
}
