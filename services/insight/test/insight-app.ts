import type { INestApplication } from '@nestjs/common';
import { parseConfig, startService } from '@userops/service-host';
import { serviceTestEnv, uniqueName } from '@userops/testing';
import { AppModule } from '../src/app.module';
import { insightConfigSchema } from '../src/config';

export interface RunningInsight {
  app: INestApplication;
  url: string;
  topicPrefix: string;
  close(): Promise<void>;
}

/**
 * An insight instance in this process on a free port, with its own topic prefix, consumer
 * group, database schema and Redis key prefix, so tests never see each other's messages or rows.
 */
export async function startInsight(env: Record<string, string> = {}): Promise<RunningInsight> {
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `${uniqueName('t')}.`;
  const config = parseConfig(
    insightConfigSchema,
    serviceTestEnv('insight', {
      PORT: '0',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '2',
      INSIGHT_CONSUMER_GROUP: uniqueName('insight'),
      INSIGHT_REDIS_PREFIX: `${uniqueName('test')}:`,
      ...env,
    }),
  );
  const app = await startService(AppModule.forConfig(config), {
    serviceName: 'insight',
    description: 'test',
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
  });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, topicPrefix, close: () => app.close() };
}

/** The error body every insight endpoint answers with (ProblemFilter in libs/service-host). */
export interface ProblemBody {
  success: false;
  error: { code: string; message: string; problems?: Array<{ path: string; message: string }> };
}

/** GET a JSON endpoint; the caller names the body type it expects for a 2xx answer. */
export async function getJson<T>(url: string): Promise<{ status: number; body: T | undefined }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: response.ok && text ? (JSON.parse(text) as T) : undefined };
}

export async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Any JSON request, with an optional bearer token; the body of a 204 is undefined. */
export async function requestJson<T>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  options: { body?: unknown; token?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
