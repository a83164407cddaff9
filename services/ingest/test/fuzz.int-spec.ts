import fc from 'fast-check';
import { post, type RunningIngest, startIngest } from './ingest-app';

// Random and mutated bodies against the running service: whatever arrives, ingest never answers
// 5xx or crashes, and every 4xx names at least one field path.
const validCalls = [
  { type: 'track', userId: 'u1', event: 'Order Completed', properties: { revenue: 12.5 } },
  { type: 'identify', anonymousId: 'a1', traits: { plan: 'pro' } },
  { type: 'page', userId: 'u1', name: 'Home' },
  { type: 'group', userId: 'u1', groupId: 'g1' },
  { type: 'alias', userId: 'u1', previousId: 'a1' },
];
const endpoints = ['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch', 'import'];

const jsonLeaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const mutatedCall = fc
  .tuple(
    fc.constantFrom(...validCalls),
    fc.constantFrom(
      'type',
      'userId',
      'anonymousId',
      'event',
      'properties',
      'traits',
      'timestamp',
      'sentAt',
      'messageId',
      'context',
      'name',
      'groupId',
      'previousId',
    ),
    fc.oneof(
      jsonLeaf,
      fc.constant(undefined),
      fc.array(jsonLeaf, { maxLength: 3 }),
      fc.dictionary(fc.string(), jsonLeaf, { maxKeys: 3 }),
    ),
  )
  .map(([call, field, value]) => ({ ...call, [field]: value }));
const asJson = (value: unknown) => JSON.stringify(value) ?? '';
/** The request body as sent: mostly JSON near a valid call, sometimes anything, sometimes not JSON. */
const requestBody = fc.oneof(
  { weight: 3, arbitrary: mutatedCall.map(asJson) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(mutatedCall, fc.anything()), { maxLength: 5 })
      .map((batch) => asJson({ batch })),
  },
  { weight: 1, arbitrary: fc.anything().map(asJson) },
  { weight: 1, arbitrary: fc.string() },
);

describe('ingest under random input', () => {
  let ingest: RunningIngest;

  beforeAll(async () => {
    ingest = await startIngest({ INGEST_RATE_LIMIT_PER_SECOND: '0' });
  });

  afterAll(async () => {
    await ingest.close();
  });

  it('never answers 5xx, and every 4xx names a field path (10,000 bodies)', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), requestBody, async (endpoint, sent) => {
        const response = await post(ingest.url, `/v1/${endpoint}`, ingest.writeKey, sent);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.body.success).toBe(false);
          expect(response.body.error.problems.length).toBeGreaterThan(0);
          for (const problem of response.body.error.problems) expect(typeof problem.path).toBe('string');
        } else {
          expect(response.body.success).toBe(true);
        }
      }),
      { numRuns: 10_000 },
    );
    // Both outcomes must have occurred, or the generator tested nothing.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(500);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
  }, 600_000);
});
