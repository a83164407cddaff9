/**
 * Stable codes for everything this library refuses or cannot do. They are strings, not classes,
 * so they survive a trip through Kafka, a DLQ record or an HTTP problem body unchanged.
 */
export const nlpErrorCodes = [
  'NOT_TEXT',
  'EMPTY_TEXT',
  'TEXT_TOO_LARGE',
  'BINARY_CONTENT',
  'MODEL_INVALID',
  'DATA_NOT_FOUND',
  'DATA_INVALID',
  'TRAINING_INVALID',
  'CONFIG_INVALID',
] as const;
export type NlpErrorCode = (typeof nlpErrorCodes)[number];

/**
 * The one error class of libs/nlp. Nothing here is retriable: the same input or the same file
 * fails the same way again, so a consumer should dead-letter or reject, not retry.
 */
export class NlpError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: NlpErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'NlpError';
  }
}

export function isNlpError(value: unknown): value is NlpError {
  return value instanceof NlpError;
}
