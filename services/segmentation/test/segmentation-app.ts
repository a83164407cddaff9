import type { INestApplication } from '@nestjs/common';
import { parseConfig, startService } from '@userops/service-host';
import { serviceTestEnv, uniqueName } from '@userops/testing';
import { AppModule } from '../src/app.module';
import { segmentationConfigSchema } from '../src/config';

export interface RunningSegmentation {
  app: INestApplication;
  url: string;
  topicPrefix: string;
  close(): Promise<void>;
}

/**
 * A segmentation instance in this process on a free port, with its own topic prefix, consumer
 * group, database schema and Redis key prefix, so tests never see each other's state.
 */
/** Admin token of the test apps; postJson sends it (only admin endpoints take POST). */
export const segmentationAdminToken = 'test-segmentation-admin-token';

export async function startSegmentation(env: Record<string, string> = {}): Promise<RunningSegmentation> {
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? `${uniqueName('t')}.`;
  const config = parseConfig(
    segmentationConfigSchema,
    serviceTestEnv('segmentation', {
      PORT: '0',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '2',
      SEGMENTATION_CONSUMER_GROUP: uniqueName('segmentation'),
      SEGMENTATION_REDIS_PREFIX: `${uniqueName('test')}:`,
      SEGMENTATION_FLUSH_INTERVAL_MS: '250',
      SEGMENTATION_RFM_RECOMPUTE_INTERVAL_MS: '0',
      SEGMENTATION_ADMIN_TOKEN: segmentationAdminToken,
      ...env,
    }),
  );
  const app = await startService(AppModule.forConfig(config), {
    serviceName: 'segmentation',
    description: 'test',
    host: '127.0.0.1',
    port: 0,
    handleSignals: false,
  });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, topicPrefix, close: () => app.close() };
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T | undefined }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: response.ok && text ? (JSON.parse(text) as T) : undefined };
}

export async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${segmentationAdminToken}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
