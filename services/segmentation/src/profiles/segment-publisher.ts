import { Inject, Injectable } from '@nestjs/common';
import { segmentChangedEvent, type TopicMap, userProfile, type UserProfile } from '@userops/contracts';
import type { EventProducer } from '@userops/messaging';
import { EVENT_PRODUCER } from '@userops/service-host';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { segmentChangesMetric } from '../segmentation.metrics';
import { SEGMENTATION_TOPICS } from '../segmentation.tokens';
import { buildSegmentChanged, type SegmentChange } from './outbound-events.builder';

/** Writes segment-changed.v1 and the compacted profiles.v1 (key userId; null value = tombstone). */
@Injectable()
export class SegmentPublisher {
  constructor(
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(SEGMENTATION_TOPICS) private readonly topics: TopicMap,
    @InjectMetric(segmentChangesMetric) private readonly changesEmitted: Counter<'model'>,
  ) {}

  async segmentChanges(changes: readonly SegmentChange[], now = new Date()): Promise<void> {
    if (changes.length === 0) return;
    await this.producer.send(
      this.topics.segmentChanged,
      changes.map((change) => ({ key: change.userId, value: buildSegmentChanged(change, now) })),
      segmentChangedEvent,
    );
    for (const change of changes) this.changesEmitted.inc({ model: change.model });
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
