import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type TopicMap, userDeletedEvent } from '@userops/contracts';
import { ConsumerRegistry } from '@userops/service-host';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG, INSIGHT_TOPICS } from '../insight.tokens';
import { UserDeletionService } from './user-deletion.service';

/** userops.user-deleted.v1 → UserDeletionService. */
@Injectable()
export class UserDeletedConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    @Inject(INSIGHT_TOPICS) private readonly topics: TopicMap,
    private readonly deletion: UserDeletionService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      groupId: `${this.config.INSIGHT_CONSUMER_GROUP}.deletions`,
      topic: this.topics.userDeleted,
      schema: userDeletedEvent,
      maxAttempts: this.config.INSIGHT_CONSUMER_MAX_ATTEMPTS,
      handle: async ({ value }) => {
        await this.deletion.deleteUser(value.userId);
      },
    });
  }
}
