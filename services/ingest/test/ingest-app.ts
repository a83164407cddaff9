import type { INestApplication } from '@nestjs/common';
import { trackingLimits } from '@userops/contracts';
import { parseConfig, startService } from '@userops/service-host';
import { serviceTestEnv, uniqueName } from '@userops/testing';
import { AppModule } from '../src/app.module';
import { ingestConfigSchema } from '../src/config';
import { registerRequestBodyParsing } from '../src/http/request-body.parser';

export const adminToken = 'test-admin-token-0123456789';

export interface RunningIngest {
  app: INestApplication;
  url: string;
  writeKey: string;
  topicPrefix: string;
  close(): Promise<void>;
}

/**
 * An ingest instance in this process, listening on a free port, with its own topic prefix and
 * database schema unless given (two instances can share them to act as replicas).
 */
export async function startIngest(env: Record<string, string> = {}): Promise<RunningIngest> {
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `${uniqueName('t')}.`;
  const writeKey = env.INGEST_BOOTSTRAP_WRITE_KEY ?? uniqueName('wk');
  const config = parseConfig(
    ingestConfigSchema,
    serviceTestEnv('ingest', {
      PORT: '0',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '2',
      INGEST_ADMIN_TOKEN: adminToken,
      INGEST_BOOTSTRAP_WRITE_KEY: writeKey,
      INGEST_KAFKA_SEND_TIMEOUT_MS: '3000',
      INGEST_RETRY_AFTER_SECONDS: '1',
      ...env,
    }),
  );
  const app = await startService(AppModule.forConfig(config), {
    serviceName: 'ingest',
    description: 'test',
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
    bodyLimit: trackingLimits.batchBytes,
    bodyParser: false,
    configure: (a) => registerRequestBodyParsing(a.getHttpAdapter().getInstance(), trackingLimits.batchBytes),
  });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, writeKey, topicPrefix, close: () => app.close() };
}

export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

export async function post(
  url: string,
  path: string,
  writeKey: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(writeKey ? { authorization: basicAuth(writeKey) } : {}),
      ...headers,
    },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
