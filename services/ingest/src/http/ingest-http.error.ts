import type { Problem } from '@userops/contracts';
import { HttpProblem } from '@userops/service-host';

/** HttpProblem with the answers of Segment's tracking API that ingest gives in several places. */
export class IngestHttpError extends HttpProblem {
  static override validation(problems: Problem[]): IngestHttpError {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return new IngestHttpError(
      400,
      'VALIDATION_FAILED',
      `the call breaks the tracking spec: ${summary}`,
      problems,
    );
  }

  static unauthorized(): IngestHttpError {
    return new IngestHttpError(
      401,
      'INVALID_WRITE_KEY',
      'missing, unknown or revoked write key: send it as the HTTP Basic user name (as Segment SDKs do) or as writeKey in the body',
    );
  }

  static tooLarge(limitBytes: number, what: string, path = '(root)'): IngestHttpError {
    return new IngestHttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `${what} is over the ${limitBytes / 1024} KB limit; send fewer or smaller calls`,
      [{ path, message: `must be at most ${limitBytes} bytes` }],
    );
  }
}
