/** Stable codes, so that a caller across a process boundary can branch on them. */
export type BanditErrorCode =
  | 'CONTEXT_DIMENSION_MISMATCH'
  | 'INVALID_CONTEXT'
  | 'INVALID_ACTIONS'
  | 'INVALID_REWARD'
  | 'INVALID_PARAMETER'
  | 'INVALID_STATE'
  | 'INVALID_LOG'
  | 'NOT_POSITIVE_DEFINITE';

/**
 * Every failure of this library is a caller's mistake (bad input, bad configuration, corrupt
 * state): retrying the same call can never succeed, hence `retriable` is always false.
 */
export class BanditError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: BanditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BanditError';
  }
}
