import { gzipSync } from 'node:zlib';
import { Analytics } from '@segment/analytics-node';
import { eventEnvelope, rejectedEvent, Topics, userDeletedEvent } from '@userops/contracts';
import { readAllMessages, readTopic, testKafka } from '@userops/testing';
import { adminToken, post, type RunningIngest, startIngest } from './ingest-app';

describe('ingest: Segment tracking API into Kafka', () => {
  const kafka = testKafka();
  let ingest: RunningIngest;

  beforeAll(async () => {
    ingest = await startIngest();
  });

  afterAll(async () => {
    await ingest.close();
  });

  const topic = (name: string) => `${ingest.topicPrefix}${name}`;
  const envelopes = async (count: number) =>
    (await readTopic(kafka, topic(Topics.events), count)).map((m) => ({
      key: m.key!.toString(),
      ...eventEnvelope.parse(JSON.parse(m.value!.toString())),
    }));

  it('takes track, identify and page from the official Segment SDK unchanged, and Kafka holds exactly those events', async () => {
    const analytics = new Analytics({
      writeKey: ingest.writeKey,
      host: ingest.url,
      flushAt: 3,
      flushInterval: 200,
    });
    // The SDK calls back once the batch holding the call was delivered (or failed).
    const delivered = (
      send: (done: (error: unknown, ctx?: { event: { messageId?: string } }) => void) => void,
    ) =>
      new Promise<string>((resolve, reject) =>
        send((error, ctx) => (error ? reject(error) : resolve(ctx!.event.messageId!))),
      );
    const sent = await Promise.all([
      delivered((done) =>
        analytics.track(
          { userId: 'sdk-user', event: 'Order Completed', properties: { revenue: 42.5, currency: 'EUR' } },
          done,
        ),
      ),
      delivered((done) =>
        analytics.identify({ userId: 'sdk-user', traits: { plan: 'pro', country: 'NL' } }, done),
      ),
      delivered((done) =>
        analytics.page(
          { userId: 'sdk-user', name: 'Pricing', properties: { url: 'https://example.test/pricing' } },
          done,
        ),
      ),
    ]);
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(sent).toHaveLength(3);
    const events = await envelopes(3);
    expect(events.map((e) => e.messageId).sort()).toEqual([...sent].sort());
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType.track).toMatchObject({
      key: 'sdk-user',
      event: 'Order Completed',
      properties: { revenue: 42.5, currency: 'EUR' },
    });
    expect(byType.identify).toMatchObject({ traits: { plan: 'pro', country: 'NL' } });
    expect(byType.page).toMatchObject({ name: 'Pricing' });
    expect(byType.track!.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
  });

  it('answers 400 with every field path and reason, and records the rejection for operators', async () => {
    const response = await post(ingest.url, '/v1/track', ingest.writeKey, {
      userId: 'u',
      properties: 'nope',
      messageId: 'bad-1',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.problems).toEqual([
      { path: 'event', message: 'is required: the name of the action, e.g. "Order Completed"' },
      { path: 'properties', message: 'Invalid input: expected record, received string' },
    ]);
    const [record] = await readTopic(kafka, topic(Topics.eventsRejected), 1);
    const rejected = rejectedEvent.parse(JSON.parse(record!.value!.toString()));
    expect(rejected).toMatchObject({
      endpoint: '/v1/track',
      messageId: 'bad-1',
      original: { userId: 'u', properties: 'nope' },
    });
  });

  it('accepts the good calls of a batch and reports the bad ones by index and messageId', async () => {
    const response = await post(ingest.url, '/v1/batch', ingest.writeKey, {
      batch: [
        { type: 'track', userId: 'b1', event: 'Product Viewed', messageId: 'batch-good-1' },
        { type: 'track', userId: 'b1', messageId: 'batch-bad-1' },
        { type: 'identify', anonymousId: 'anon-9', traits: { age: 31 }, messageId: 'batch-good-2' },
        { type: 'shout', userId: 'b1', messageId: 'batch-bad-2' },
      ],
      sentAt: new Date().toISOString(),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, accepted: 2, deduplicated: 0, suppressed: 0 });
    expect(response.body.rejected).toEqual([
      {
        index: 1,
        messageId: 'batch-bad-1',
        problems: [{ path: 'event', message: 'is required: the name of the action, e.g. "Order Completed"' }],
      },
      {
        index: 3,
        messageId: 'batch-bad-2',
        problems: [{ path: 'type', message: 'must be one of track, identify, page, screen, group, alias' }],
      },
    ]);
    const all = await envelopes(5);
    expect(all.map((e) => e.messageId)).toEqual(expect.arrayContaining(['batch-good-1', 'batch-good-2']));
    expect(all.find((e) => e.messageId === 'batch-good-2')!.key).toBe('anon-9');
  });

  it('acknowledges a repeated messageId without publishing it again', async () => {
    const call = { userId: 'dup', event: 'Session Started', messageId: 'dup-1' };
    expect((await post(ingest.url, '/v1/track', ingest.writeKey, call)).status).toBe(200);
    expect(
      (await post(ingest.url, '/v1/batch', ingest.writeKey, { batch: [{ ...call, type: 'track' }] })).body,
    ).toMatchObject({
      accepted: 0,
      deduplicated: 1,
    });
    const all = (await readAllMessages(kafka, topic(Topics.events))).map((m) =>
      JSON.parse(m.value!.toString()),
    );
    expect(all.filter((e) => e.messageId === 'dup-1')).toHaveLength(1);
  });

  it('takes gzip bodies, the write key in the body, and refuses calls over 32 KB', async () => {
    const body = gzipSync(
      JSON.stringify({
        userId: 'gz',
        event: 'Feedback Submitted',
        messageId: 'gz-1',
        writeKey: ingest.writeKey,
      }),
    );
    const zipped = await post(ingest.url, '/v1/track', undefined, body, { 'content-encoding': 'gzip' });
    expect(zipped).toMatchObject({ status: 200, body: { success: true } });
    const huge = await post(ingest.url, '/v1/track', ingest.writeKey, {
      userId: 'big',
      event: 'E',
      properties: { text: 'x'.repeat(40_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      problems: [{ path: '(root)', message: 'must be at most 32768 bytes' }],
    });
    const badJson = await post(ingest.url, '/v1/track', ingest.writeKey, '{"userId":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.problems[0].path).toBe('(root)');
  });

  it('answers 401 without a valid key, and a revoked key stops working at once', async () => {
    expect(
      (await post(ingest.url, '/v1/track', undefined, { userId: 'u', event: 'E' })).body.error.code,
    ).toBe('INVALID_WRITE_KEY');
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const created = (await (
      await fetch(`${ingest.url}/admin/sources`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ name: `app-${Date.now()}` }),
      })
    ).json()) as {
      id: string;
      writeKey: { id: string; key: string };
    };
    const key = created.writeKey.key as string;
    expect((await post(ingest.url, '/v1/track', key, { userId: 'u', event: 'E' })).status).toBe(200);
    const revoke = await fetch(`${ingest.url}/admin/sources/${created.id}/keys/${created.writeKey.id}`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(revoke.status).toBe(204);
    expect((await post(ingest.url, '/v1/track', key, { userId: 'u', event: 'E' })).status).toBe(401);
    expect(
      (await fetch(`${ingest.url}/admin/sources`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
  });

  it('deletes a user: publishes user-deleted.v1, then acknowledges and drops their events', async () => {
    const response = await fetch(`${ingest.url}/v1/users/gdpr-user`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(response.status).toBe(202);
    const [deleted] = await readTopic(kafka, topic(Topics.userDeleted), 1);
    expect(userDeletedEvent.parse(JSON.parse(deleted!.value!.toString()))).toMatchObject({
      userId: 'gdpr-user',
      requestedBy: 'admin-api',
    });
    const after = await post(ingest.url, '/v1/batch', ingest.writeKey, {
      batch: [{ type: 'track', userId: 'gdpr-user', event: 'E', messageId: 'gdpr-1' }],
    });
    expect(after.body).toMatchObject({ accepted: 0, suppressed: 1 });
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(metrics).toMatch(/userops_ingest_events_total\{outcome="suppressed",service="ingest"\} 1/);
  });
});
