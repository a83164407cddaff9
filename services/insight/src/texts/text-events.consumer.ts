import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { eventEnvelope, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import type { Counter } from 'prom-client';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from '../insight.tokens';
import { forgottenUserMessagesMetric } from '../users/forgotten-users';
import { alertsMetric, textsMetric } from './insight.metrics';
import { type TextOutcome, TextInsightService } from './text-insight.service';

/** userops.events.v1 → TextInsightService. Bad envelopes and persistent failures go to the DLQ. */
@Injectable()
export class TextEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(INSIGHT_TOPICS) private readonly topics: TopicMap,
    private readonly texts: TextInsightService,
    @InjectMetric(textsMetric) private readonly textOutcomes: Counter<'outcome' | 'code'>,
    @InjectMetric(alertsMetric) private readonly alerts: Counter<'rule'>,
    @InjectMetric(forgottenUserMessagesMetric) private readonly forgottenUsers: Counter<'topic'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: this.config.INSIGHT_CONSUMER_GROUP,
      topic: this.topics.events,
      schema: eventEnvelope,
      maxAttempts: this.config.INSIGHT_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => this.record(await this.texts.handle(value)),
    });
  }

  private record(outcome: TextOutcome): void {
    if (outcome.kind === 'no-text') return;
    if (outcome.kind === 'forgotten-user') {
      this.forgottenUsers.inc({ topic: this.topics.events });
      return;
    }
    this.textOutcomes.inc({ outcome: outcome.kind, code: outcome.kind === 'rejected' ? outcome.code : '' });
    if (outcome.kind === 'analysed')
      for (const alert of outcome.alerts) this.alerts.inc({ rule: alert.rule });
  }
}
