import { Controller, Delete, HttpCode, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type TopicMap, userDeletedEvent, type UserDeletedEvent } from '@userops/contracts';
import { type EventProducer } from '@userops/messaging';
import { AdminTokenGuard, EVENT_PRODUCER } from '@userops/service-host';
import { v4 as uuidv4 } from 'uuid';
import { IngestHttpError } from '../http/ingest-http.error';
import { INGEST_CONFIG, INGEST_TOPICS } from '../ingest.tokens';
import type { IngestConfig } from '../config';
import { SuppressionStore } from '../tracking/suppression.store';

/** GDPR erasure: tells every service to forget the user, and drops the user's later events. */
@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('v1/users')
export class UsersController {
  constructor(
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(INGEST_TOPICS) private readonly topics: TopicMap,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly suppression: SuppressionStore,
  ) {}

  @Delete(':userId')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Request deletion of a user: publishes user-deleted.v1 and suppresses later events.',
  })
  async delete(
    @Param('userId') userId: string,
  ): Promise<{ userId: string; eventId: string; status: string }> {
    if (!userId || userId.length > 1024) {
      throw IngestHttpError.validation([{ path: 'userId', message: 'must be 1 to 1024 characters' }]);
    }
    await this.suppression.suppress(userId, 'admin-api');
    const eventId = uuidv4();
    const event: UserDeletedEvent = {
      eventId,
      occurredAt: new Date().toISOString(),
      userId,
      schemaVersion: 1,
      correlationId: eventId,
      causationId: eventId,
      requestedBy: 'admin-api',
    };
    try {
      await this.producer.send(this.topics.userDeleted, [{ key: userId, value: event }], userDeletedEvent);
    } catch {
      throw new IngestHttpError(
        503,
        'BROKER_UNAVAILABLE',
        'the deletion is recorded but could not be announced on Kafka; retry the request',
        undefined,
        this.config.INGEST_RETRY_AFTER_SECONDS,
      );
    }
    return { userId, eventId, status: 'deletion requested' };
  }
}
