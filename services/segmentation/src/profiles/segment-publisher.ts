import { Inject, Injectable } from '@nestjs/common';
import {
  segmentChangedEvent,
  type SegmentChangedEvent,
  type TopicMap,
  userProfile,
  type UserProfile,
} from '@userops/contracts';
import type { EventProducer } from '@userops/messaging';
import { EVENT_PRODUCER } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { segmentChangesMetric } from '../segmentation.metrics';
import { SEGMENTATION_TOPICS } from '../segmentation.tokens';

/**
 * Writes segment-changed.v1 and the compacted profiles.v1 (key userId; null value = tombstone).
 * Segment changes come only from the outbox relay (SegmentChangeRelay), never straight from a swap.
 */
@Injectable()
export class SegmentPublisher {
  constructor(
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(SEGMENTATION_TOPICS) private readonly topics: TopicMap,
    @InjectMetric(segmentChangesMetric) private readonly changesEmitted: Counter<'model'>,
  ) {}

  async segmentChanges(events: readonly SegmentChangedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.producer.send(
      this.topics.segmentChanged,
      events.map((event) => ({ key: event.userId, value: event })),
      segmentChangedEvent,
    );
    for (const event of events) this.changesEmitted.inc({ model: event.model });
  }

  async profiles(profiles: readonly UserProfile[]): Promise<void> {
    if (profiles.length === 0) return;
    await this.producer.send(
      this.topics.profiles,
      profiles.map((profile) => ({ key: profile.userId, value: profile })),
      userProfile,
    );
  }

  async tombstone(userId: string): Promise<void> {
    await this.producer.send(this.topics.profiles, [{ key: userId, value: null }]);
  }
}
