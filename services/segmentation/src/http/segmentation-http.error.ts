import type { Problem } from '@userops/contracts';

/** An error answered to an HTTP client: status, a stable code, what to do, and field problems. */
export class SegmentationHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'SegmentationHttpError';
  }

  static validation(problems: Problem[], code = 'VALIDATION_FAILED'): SegmentationHttpError {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return new SegmentationHttpError(400, code, `the request is invalid: ${summary}`, problems);
  }

  static notFound(code: string, message: string): SegmentationHttpError {
    return new SegmentationHttpError(404, code, message);
  }
}
