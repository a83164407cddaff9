import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { segmentChangedEvent, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from '../insight.tokens';
import { forgottenUserMessagesMetric } from '../users/forgotten-users';
import { SegmentProjectionService } from './segment-projection.service';

/** userops.segment-changed.v1 → the user→segment projection (its own group: a separate stream). */
@Injectable()
export class SegmentChangedConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(INSIGHT_TOPICS) private readonly topics: TopicMap,
    private readonly projection: SegmentProjectionService,
    @InjectMetric(forgottenUserMessagesMetric) private readonly forgottenUsers: Counter<'topic'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.INSIGHT_CONSUMER_GROUP}.segments`,
      topic: this.topics.segmentChanged,
      schema: segmentChangedEvent,
      maxAttempts: this.config.INSIGHT_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        if ((await this.projection.apply(value)) === 'forgotten-user')
          this.forgottenUsers.inc({ topic: this.topics.segmentChanged });
      },
    });
  }
}
