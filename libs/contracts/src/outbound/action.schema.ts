import { z } from 'zod';
import { jsonObject, outboundMetadata } from '../common';

/** A decision taken by interaction, for downstream services (email, push, CRM) to execute. */
export const actionEvent = z.object({
  ...outboundMetadata,
  decisionId: z.string().min(1),
  decisionPoint: z.string().min(1),
  actionId: z.string().min(1),
  payload: jsonObject.optional(),
  /** Probability with which the logging policy chose this action; needed for off-policy evaluation. */
  propensity: z.number().gt(0).max(1),
  policy: z.string().min(1),
  modelVersion: z.string().min(1),
  trigger: z.object({
    kind: z.enum(['api', 'rule']),
    /** For rule triggers: the rule's name and the event that fired it. */
    rule: z.string().optional(),
  }),
});
export type ActionEvent = z.output<typeof actionEvent>;
