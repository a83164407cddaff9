import { guardText, resolveTextLimits } from '@userops/nlp';
import { z } from 'zod';

/** Most examples one request may add; larger sets go in several requests. */
export const maxExamplesPerRequest = 500;
/** Most labels one example may carry. */
export const maxLabelsPerExample = 5;

// Labels are identifiers that appear in events, alerts and dashboards: kebab-case keeps them
// stable across languages and tools ("billing-dispute", not "Billing Dispute").
const labelName = z
  .string({ message: 'must be a label name' })
  .max(48, 'must be at most 48 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lower-case letters and digits joined by "-"');

/** The body of POST /admin/topics/examples; texts are checked by the analyser's own guard. */
export function addExamplesBody(maxTextBytes: number) {
  const limits = resolveTextLimits({ maxBytes: maxTextBytes });
  const exampleText = z
    .string({ message: 'is required and must be a string' })
    .superRefine((text, context) => {
      const guarded = guardText(text, limits);
      if (!guarded.ok) context.addIssue({ code: 'custom', message: guarded.rejection.message });
    });
  return z.object({
    examples: z
      .array(
        z.object({
          text: exampleText,
          labels: z
            .array(labelName, { message: 'is required and must be an array of label names' })
            .min(1, 'must name at least one label')
            .max(maxLabelsPerExample, `may name at most ${maxLabelsPerExample} labels`)
            .refine((labels) => new Set(labels).size === labels.length, 'must not repeat a label'),
        }),
        { message: 'is required and must be an array of {text, labels}' },
      )
      .min(1, 'must hold at least one example')
      .max(maxExamplesPerRequest, `may hold at most ${maxExamplesPerRequest} examples per request`),
  });
}

export const listExamplesQuery = z.object({
  label: labelName.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const exampleIdParam = z.object({ exampleId: z.uuid({ message: 'must be an example id (a UUID)' }) });

export const retrainBody = z.object({
  /** Serve the new version at once on every replica (default), or only store it for review. */
  activate: z.boolean({ message: 'must be true or false' }).default(true),
});

export const versionParam = z.object({
  version: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a version number (0 for the shipped model)')
    .transform(Number),
});
