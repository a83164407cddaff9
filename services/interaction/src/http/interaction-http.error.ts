import type { Problem } from '@userops/contracts';

/** An error answered to an HTTP client: status, a stable code, what to do, and field problems. */
export class InteractionHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'InteractionHttpError';
  }

  static validation(problems: Problem[], code = 'VALIDATION_FAILED'): InteractionHttpError {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return new InteractionHttpError(400, code, `the request is invalid: ${summary}`, problems);
  }

  static notFound(code: string, message: string): InteractionHttpError {
    return new InteractionHttpError(404, code, message);
  }
}
