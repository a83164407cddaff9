import { z } from 'zod';

const featureName = z.string().min(1).max(200);

/**
 * A decision point as the admin API accepts it. `contextFeatures` is ordered: position i of the
 * context vector is feature i, so it fixes the policy's dimension. A feature named
 * `segment:<model>=<segment>` is 1 when the user's projected segment under that model matches.
 */
export const decisionPointInput = z
  .object({
    actions: z
      .array(
        z.object({ id: z.string().min(1).max(200), payload: z.record(z.string(), z.unknown()).default({}) }),
      )
      .min(1, 'needs at least one action'),
    policy: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('lin-ucb'),
        alpha: z.number().positive().optional(),
        lambda: z.number().positive().optional(),
      }),
      z.object({
        kind: z.literal('thompson-sampling'),
        v: z.number().positive().optional(),
        lambda: z.number().positive().optional(),
        propensitySamples: z.number().int().min(10).max(10_000).optional(),
      }),
      z.object({
        kind: z.literal('epsilon-greedy'),
        epsilon: z.number().min(0).max(1).optional(),
        lambda: z.number().positive().optional(),
      }),
      z.object({ kind: z.literal('uniform') }),
    ]),
    contextFeatures: z.array(featureName).min(1).max(256),
    /** Personalizer's range: 5 s to 2 days. */
    rewardWaitSeconds: z.number().int().min(5).max(172_800),
    defaultReward: z.number().default(0),
    rewardAggregation: z.enum(['sum', 'earliest']).default('earliest'),
    holdoutShare: z.number().min(0).max(1).default(0),
  })
  .superRefine((value, ctx) => {
    const ids = value.actions.map((action) => action.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['actions'], message: 'action ids must be unique' });
    if (new Set(value.contextFeatures).size !== value.contextFeatures.length)
      ctx.addIssue({ code: 'custom', path: ['contextFeatures'], message: 'feature names must be unique' });
  });

export type DecisionPointConfig = z.output<typeof decisionPointInput>;

export interface DecisionPoint extends DecisionPointConfig {
  name: string;
}

export const decisionPointName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'may hold only letters, digits, ".", "_" and "-"');
