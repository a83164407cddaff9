import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** Called for kafkajs's own log lines at warn and above. */
  log?: (level: 'error' | 'warn', message: string, extra: Record<string, unknown>) => void;
}

/** Builds a kafkajs client that logs through the service's logger instead of the console. */
export function createKafka(
  { brokers, clientId, log }: KafkaConnection,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...extra } = entry;
        log?.(level <= logLevel.ERROR ? 'error' : 'warn', `kafkajs: ${message}`, extra);
      },
    ...overrides,
  });
}
