import type { z } from 'zod';

/** One reason a payload was refused, addressed by the path of the offending field. */
export interface Problem {
  /** Dotted path with array indexes in brackets, e.g. `batch[3].properties.revenue`; `(root)` for the whole value. */
  path: string;
  message: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

/** Flattens zod issues (including those nested in unions) into field-addressed problems. */
export function problemsOf(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): Problem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Parses with a schema and reports every problem with its path, never throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseOutcome<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data as z.output<S> }
    : { ok: false, problems: problemsOf(result.error) };
}
