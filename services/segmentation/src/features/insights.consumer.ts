import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { insightEvent, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { SegmentationConfig } from '../config';
import { insightsMetric } from '../segmentation.metrics';
import { SEGMENTATION_CONFIG, SEGMENTATION_TOPICS } from '../segmentation.tokens';
import { LiveFeatureStore } from './live-feature.store';

/**
 * userops.insight.v1 → the user's average sentiment. Only the per-text analyses count (kind
 * sentiment, or topic, which carries the same text's score); an alert repeats the sentiment of a
 * text already counted. Deduplicated by the text's eventId, so a redelivered insight, or a second
 * analysis of one text, counts once. Its own consumer group: a separate stream from events.v1.
 * An insight about a deleted user (its text accepted before the deletion) is dropped and counted
 * as forgotten.
 */
@Injectable()
export class InsightsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    @Inject(SEGMENTATION_TOPICS) private readonly topics: TopicMap,
    private readonly store: LiveFeatureStore,
    @InjectMetric(insightsMetric) private readonly outcomes: Counter<'outcome'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.SEGMENTATION_CONSUMER_GROUP}.insights`,
      topic: this.topics.insight,
      schema: insightEvent,
      maxAttempts: this.config.SEGMENTATION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        if (value.kind === 'alert') {
          this.outcomes.inc({ outcome: 'ignored' });
          return;
        }
        const outcome = await this.store.applySentiment(value.textEventId, value.userId, value.sentiment);
        this.outcomes.inc({ outcome });
      },
    });
  }
}
