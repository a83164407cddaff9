import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type TopicMap, userDeletedEvent } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import type { SegmentationConfig } from '../config';
import { SEGMENTATION_CONFIG, SEGMENTATION_TOPICS } from '../segmentation.tokens';
import { UserDeletionService } from './user-deletion.service';

/** userops.user-deleted.v1 → UserDeletionService (its own group: a separate stream). */
@Injectable()
export class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    @Inject(SEGMENTATION_TOPICS) private readonly topics: TopicMap,
    private readonly deletion: UserDeletionService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.SEGMENTATION_CONSUMER_GROUP}.deletions`,
      topic: this.topics.userDeleted,
      schema: userDeletedEvent,
      maxAttempts: this.config.SEGMENTATION_CONSUMER_MAX_ATTEMPTS,
      handle: ({ value }) => this.deletion.deleteUser(value),
    });
  }
}
