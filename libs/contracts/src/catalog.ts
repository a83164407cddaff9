import type { z } from 'zod';
import { eventEnvelope } from './envelope/event-envelope.schema';
import { deadLetterRecord } from './operations/dead-letter.schema';
import { rejectedEvent } from './operations/rejected-event.schema';
import { actionEvent } from './outbound/action.schema';
import { insightEvent } from './outbound/insight.schema';
import { userProfile } from './outbound/profile.schema';
import { segmentChangedEvent } from './outbound/segment-changed.schema';
import { userDeletedEvent } from './outbound/user-deleted.schema';
import { Topics } from './topics';
import {
  aliasCall,
  batchCall,
  batchItem,
  groupCall,
  identifyCall,
  pageCall,
  screenCall,
  trackCall,
} from './tracking/tracking-calls.schema';

/** The schema of each topic's values: what a consumer of that topic validates against. */
export const topicSchemas = {
  [Topics.events]: eventEnvelope,
  [Topics.eventsRejected]: rejectedEvent,
  [Topics.segmentChanged]: segmentChangedEvent,
  [Topics.profiles]: userProfile,
  [Topics.insight]: insightEvent,
  [Topics.action]: actionEvent,
  [Topics.userDeleted]: userDeletedEvent,
} as const satisfies Record<string, z.ZodType>;

/** Every message userops defines, by the name its JSON Schema file gets. */
export const messageCatalog: Record<string, z.ZodType> = {
  'tracking.track': trackCall,
  'tracking.identify': identifyCall,
  'tracking.page': pageCall,
  'tracking.screen': screenCall,
  'tracking.group': groupCall,
  'tracking.alias': aliasCall,
  'tracking.batch': batchCall,
  'tracking.batch-item': batchItem,
  [Topics.events]: eventEnvelope,
  [Topics.eventsRejected]: rejectedEvent,
  [Topics.segmentChanged]: segmentChangedEvent,
  [Topics.profiles]: userProfile,
  [Topics.insight]: insightEvent,
  [Topics.action]: actionEvent,
  [Topics.userDeleted]: userDeletedEvent,
  'dead-letter.v1': deadLetterRecord,
};
