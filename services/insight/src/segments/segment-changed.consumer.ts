import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { segmentChangedEvent, type TopicMap } from '@userops/contracts';
import type { EventProducer } from '@userops/messaging';
import { ConsumerRegistry, EVENT_PRODUCER, KAFKA } from '@userops/service-host';
import type { Kafka } from 'kafkajs';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from '../insight.tokens';
import { SegmentProjectionService } from './segment-projection.service';

/** userops.segment-changed.v1 → the user→segment projection (its own group: a separate stream). */
@Injectable()
export class SegmentChangedConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(INSIGHT_TOPICS) private readonly topics: TopicMap,
    private readonly projection: SegmentProjectionService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kafka: this.kafka,
      groupId: `${this.config.INSIGHT_CONSUMER_GROUP}.segments`,
      topic: this.topics.segmentChanged,
      schema: segmentChangedEvent,
      deadLetters: this.producer,
      maxAttempts: this.config.INSIGHT_CONSUMER_MAX_ATTEMPTS,
      handle: ({ value }) => this.projection.apply(value),
    });
  }
}
