/**
 * Errors that cross the bus or a process boundary carry a stable `code` and say whether trying
 * again can help. The consumer runner decides retry versus dead-letter from `retriable` alone.
 */
export class UseropsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The message bytes are not JSON. Retrying cannot fix it. */
export class MalformedMessageError extends UseropsError {
  constructor(topic: string, reason: string) {
    super('MALFORMED_MESSAGE', `message on ${topic} is not valid JSON (${reason}); fix the producer`, false, {
      topic,
    });
  }
}

/** The message is JSON but breaks the topic's contract. Retrying cannot fix it. */
export class ContractViolationError extends UseropsError {
  constructor(
    topic: string,
    readonly problems: Array<{ path: string; message: string }>,
  ) {
    super(
      'CONTRACT_VIOLATION',
      `message on ${topic} breaks its schema: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      false,
      { topic, problems },
    );
  }
}

/** Kafka did not acknowledge a write in time or is unreachable; the caller may retry later. */
export class BrokerUnavailableError extends UseropsError {
  constructor(topic: string, cause: string) {
    super(
      'BROKER_UNAVAILABLE',
      `Kafka did not acknowledge the write to ${topic}: ${cause}. Retry later.`,
      true,
      { topic },
    );
  }
}

/** Whether a failure is worth another attempt: our own errors and kafkajs's say so; unknown ones are assumed transient. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof UseropsError) return error.retriable;
  if (error && typeof error === 'object' && 'retriable' in error)
    return Boolean((error as { retriable: unknown }).retriable);
  return true;
}

export function errorCodeOf(error: unknown): string {
  if (error instanceof UseropsError) return error.code;
  if (error instanceof Error) return error.name === 'Error' ? 'UNEXPECTED' : error.name;
  return 'UNEXPECTED';
}
