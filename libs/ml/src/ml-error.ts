/**
 * The one error class of libs/ml. `code` is stable so callers (and logs across processes) can branch on it;
 * the message says what was wrong and what to do. Nothing here is retriable: the same input fails the same way.
 */
export type MlErrorCode =
  'ml.invalid-input' | 'ml.invalid-option' | 'ml.invalid-model' | 'ml.backend-unavailable';

export class MlError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: MlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MlError';
  }
}

export function invalidInput(message: string): MlError {
  return new MlError('ml.invalid-input', message);
}

export function invalidOption(message: string): MlError {
  return new MlError('ml.invalid-option', message);
}

/** Checks an integer option at the boundary so that algorithms never loop on NaN or a fraction. */
export function requireInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw invalidOption(`${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}
