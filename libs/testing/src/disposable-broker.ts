import { join } from 'node:path';
import { runScript, repoRoot } from './infra/local-services';
import { uniqueName } from './naming';

/**
 * A Kafka broker of a test's own (from deploy/kafka), for tests that stop and restart the broker:
 * the shared test broker must stay up for everyone else. Needs Java and the Maven-fetched jars.
 */
export class DisposableBroker {
  private readonly env: Record<string, string>;

  constructor(readonly port: number) {
    this.env = {
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(port + 1),
      KAFKA_DATA_DIR: join(repoRoot, '.local', uniqueName(`kafka-${port}`)),
      KAFKA_HEAP: '384m',
    };
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  start(): Promise<void> {
    return runScript('deploy/kafka/start.sh', this.env);
  }

  /** Stops the broker but keeps its data, so start() brings the same topics back. */
  stop(): Promise<void> {
    return runScript('deploy/kafka/stop.sh', this.env);
  }

  /** Stops it and removes its data. */
  destroy(): Promise<void> {
    return runScript('deploy/kafka/stop.sh', { ...this.env, KAFKA_WIPE: '1' });
  }
}
