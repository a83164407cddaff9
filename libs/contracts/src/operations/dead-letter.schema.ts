import { z } from 'zod';
import { isoDateTime } from '../common';

/**
 * Value written to `<topic>.dlq` for a message a consumer could not handle. The original bytes
 * travel base64-encoded so a message that is not JSON survives intact.
 */
export const deadLetterRecord = z.object({
  schemaVersion: z.literal(1),
  source: z.object({
    topic: z.string(),
    partition: z.number().int().min(0),
    offset: z.string(),
    key: z.string().nullable(),
  }),
  consumerGroup: z.string(),
  error: z.object({ code: z.string(), message: z.string(), retriable: z.boolean() }),
  attempts: z.number().int().min(1),
  failedAt: isoDateTime,
  originalValueBase64: z.string().nullable(),
  originalHeaders: z.record(z.string(), z.string()),
});
export type DeadLetterRecord = z.output<typeof deadLetterRecord>;
