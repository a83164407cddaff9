import { isoDateTime } from '@userops/contracts';
import { z } from 'zod';

/**
 * Most closed decisions one evaluation replays, and most bootstrap resamples: the estimators run
 * on the service's event loop, and these bound one request to a few seconds of CPU.
 */
export const evaluationLimits = { maxDecisions: 50_000, defaultDecisions: 10_000, maxResamples: 2_000 };

/** Share of the log a learning candidate is trained on before it is evaluated on the rest. */
const trainShare = z.number().gt(0).lt(1).default(0.5);
const positive = z.number().positive();

const common = {
  /** Only decisions taken at or after this instant. */
  since: isoDateTime.optional(),
  /** The newest this many closed decisions (after `since`) are replayed. */
  limit: z
    .number()
    .int()
    .min(1)
    .max(evaluationLimits.maxDecisions)
    .default(evaluationLimits.defaultDecisions),
  bootstrap: z
    .strictObject({
      resamples: z.number().int().min(10).max(evaluationLimits.maxResamples).default(1000),
      seed: z.number().int().default(1),
    })
    .default({ resamples: 1000, seed: 1 }),
};

/**
 * `POST /v1/admin/decision-points/:name/evaluations`: the candidate policy and its parameters
 * (the decision point's own policy parameters by the same names), which logged decisions to
 * replay, and the bootstrap of the intervals. Unknown parameters are refused, so a typo is never
 * silently evaluated with the default.
 */
export const evaluationRequest = z.discriminatedUnion('policy', [
  z.strictObject({ ...common, policy: z.literal('uniform'), params: z.strictObject({}).default({}) }),
  z.strictObject({
    ...common,
    policy: z.literal('linucb'),
    params: z
      .strictObject({ alpha: z.number().min(0).optional(), lambda: positive.optional(), trainShare })
      .default({ trainShare: 0.5 }),
  }),
  z.strictObject({
    ...common,
    policy: z.literal('thompson'),
    params: z
      .strictObject({
        v: z.number().min(0).optional(),
        lambda: positive.optional(),
        propensitySamples: z.number().int().min(10).max(1000).optional(),
        trainShare,
      })
      .default({ trainShare: 0.5 }),
  }),
  z.strictObject({
    ...common,
    policy: z.literal('epsilon-greedy'),
    params: z
      .strictObject({ epsilon: z.number().min(0).max(1).optional(), lambda: positive.optional(), trainShare })
      .default({ trainShare: 0.5 }),
  }),
]);
export type EvaluationRequest = z.output<typeof evaluationRequest>;

/** The request body as JSON Schema for the OpenAPI document (/docs), without the draft's `$schema` tag. */
export const evaluationRequestJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _draft, ...schema } = z.toJSONSchema(evaluationRequest, {
    io: 'input',
    unrepresentable: 'any',
  });
  return schema;
})();
