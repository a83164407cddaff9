import type { Problem } from '@userops/contracts';

/**
 * An error answered to an HTTP client: status, a stable code, a message that says what to do,
 * field problems for invalid input, and Retry-After for 429/503.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  static validation(problems: Problem[], code = 'VALIDATION_FAILED'): HttpProblem {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return new HttpProblem(400, code, `the request is invalid: ${summary}`, problems);
  }

  static notFound(code: string, message: string): HttpProblem {
    return new HttpProblem(404, code, message);
  }
}
