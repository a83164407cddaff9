import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { eventEnvelope, type TopicMap } from '@userops/contracts';
import type { EventProducer } from '@userops/messaging';
import { ConsumerRegistry, EVENT_PRODUCER, KAFKA } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Kafka } from 'kafkajs';
import type { Counter } from 'prom-client';
import type { SegmentationConfig } from '../config';
import { eventsMetric } from '../segmentation.metrics';
import { SEGMENTATION_CONFIG, SEGMENTATION_TOPICS } from '../segmentation.tokens';
import { eventFactsOf } from './event-facts';
import { LiveFeatureStore } from './live-feature.store';

/** userops.events.v1 → live features. Bad envelopes and persistent failures go to the DLQ. */
@Injectable()
export class EventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    @Inject(SEGMENTATION_TOPICS) private readonly topics: TopicMap,
    private readonly store: LiveFeatureStore,
    @InjectMetric(eventsMetric) private readonly outcomes: Counter<'outcome'>,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kafka: this.kafka,
      groupId: this.config.SEGMENTATION_CONSUMER_GROUP,
      topic: this.topics.events,
      schema: eventEnvelope,
      deadLetters: this.producer,
      maxAttempts: this.config.SEGMENTATION_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        const applied = await this.store.apply(value.eventId, value.messageId, eventFactsOf(value));
        this.outcomes.inc({ outcome: applied ? 'applied' : 'duplicate' });
      },
    });
  }
}
