import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { eventEnvelope, type TopicMap } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { SegmentationConfig } from '../config';
import { eventsMetric } from '../segmentation.metrics';
import { SEGMENTATION_CONFIG, SEGMENTATION_TOPICS } from '../segmentation.tokens';
import { eventFactsOf } from './event-facts';
import { LiveFeatureStore } from './live-feature.store';

/**
 * userops.events.v1 → live features, a fetched batch at a time (see ConsumerRunner's batch mode: a
 * failed batch is redone event by event, which the store's per-eventId dedupe absorbs). Bad
 * envelopes and persistent failures go to the DLQ. An event
 * of a deleted user (accepted by ingest before the deletion) is dropped and counted as forgotten.
 */
@Injectable()
export class EventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    @Inject(SEGMENTATION_TOPICS) private readonly topics: TopicMap,
    private readonly store: LiveFeatureStore,
    @InjectMetric(eventsMetric) private readonly outcomes: Counter<'outcome'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: this.config.SEGMENTATION_CONSUMER_GROUP,
      topic: this.topics.events,
      schema: eventEnvelope,
      maxAttempts: this.config.SEGMENTATION_CONSUMER_MAX_ATTEMPTS,
      // A fetched batch's events go to Redis in one round trip instead of one per event.
      handleBatch: async (messages) => {
        const outcomes = await this.store.applyMany(
          messages.map(({ value }) => ({
            eventId: value.eventId,
            messageId: value.messageId,
            facts: eventFactsOf(value),
          })),
        );
        for (const outcome of outcomes) this.outcomes.inc({ outcome });
      },
    });
  }
}
