import type { INestApplication } from '@nestjs/common';
import { parseConfig, startService } from '@userops/service-host';
import { serviceTestEnv, uniqueName } from '@userops/testing';
import { AppModule } from '../src/app.module';
import { interactionConfigSchema } from '../src/config';

export const testAdminToken = 'test-admin-token-0123456789';

export interface RunningInteraction {
  app: INestApplication;
  url: string;
  topicPrefix: string;
  /** The settings it runs with; start again with these to restart the same instance. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * An interaction instance in this process on a free port, with its own topic prefix, consumer
 * group, database schema and Redis key prefix, so tests never see each other's messages or rows.
 * Pass a previous instance's `env` to restart it.
 */
export async function startInteraction(env: Record<string, string> = {}): Promise<RunningInteraction> {
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `${uniqueName('t')}.`;
  const resolved = serviceTestEnv('interaction', {
    PORT: '0',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '2',
    INTERACTION_CONSUMER_GROUP: uniqueName('interaction'),
    INTERACTION_REDIS_PREFIX: `${uniqueName('interaction')}:`,
    INTERACTION_ADMIN_TOKEN: testAdminToken,
    INTERACTION_CLOSE_INTERVAL_MS: '300',
    INTERACTION_CLOSE_GRACE_SECONDS: '1',
    ...env,
  });
  const config = parseConfig(interactionConfigSchema, resolved);
  const app = await startService(AppModule.forConfig(config), {
    serviceName: 'interaction',
    description: 'test',
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
  });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, topicPrefix, env: resolved, close: () => app.close() };
}

/** The error body every interaction endpoint answers with (ProblemFilter in libs/service-host). */
export interface ProblemBody {
  success: false;
  error: { code: string; message: string; problems?: Array<{ path: string; message: string }> };
}

/** GET a JSON endpoint; the caller names the body type it expects for a 2xx answer. */
export async function getJson<T>(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T | undefined }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: response.ok && text ? (JSON.parse(text) as T) : undefined };
}

export async function sendJson<T>(
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
