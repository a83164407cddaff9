import { z } from 'zod';
import { outboundMetadata } from '../common';

/** A user's erasure request (GDPR): every service removes what it holds about the user. */
export const userDeletedEvent = z.object({
  ...outboundMetadata,
  requestedBy: z.string().min(1),
  reason: z.string().optional(),
});
export type UserDeletedEvent = z.output<typeof userDeletedEvent>;
