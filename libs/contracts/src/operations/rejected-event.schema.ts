import { z } from 'zod';
import { isoDateTime } from '../common';

/** A call ingest refused, with every reason, so operators can see tracking-plan violations. */
export const rejectedEvent = z.object({
  schemaVersion: z.literal(1),
  sourceId: z.string().min(1),
  receivedAt: isoDateTime,
  endpoint: z.string().min(1),
  /** Position in the batch, when the call came in a batch. */
  index: z.number().int().min(0).optional(),
  messageId: z.string().optional(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).min(1),
  /** The call as received (JSON value), so it can be fixed and replayed. */
  original: z.unknown(),
});
export type RejectedEvent = z.output<typeof rejectedEvent>;
