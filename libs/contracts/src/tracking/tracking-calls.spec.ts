import fc from 'fast-check';
import { parseWith } from '../problems';
import { batchCall, batchItem, callSchemas, trackCall } from './tracking-calls.schema';

const at = '2026-12-04T12:00:00.000Z';

describe('Segment tracking calls', () => {
  it.each([
    ['track', { userId: 'u1', event: 'Order Completed', properties: { revenue: 42.5 }, timestamp: at }],
    ['identify', { anonymousId: 'a1', traits: { plan: 'pro', createdAt: at } }],
    ['page', { userId: 'u1', name: 'Pricing', properties: { url: 'https://x.test/pricing' } }],
    ['screen', { userId: 'u1', name: 'Home' }],
    ['group', { userId: 'u1', groupId: 'acme', traits: { seats: 10 } }],
    ['alias', { userId: 'u1', previousId: 'a1' }],
  ] as const)('accepts a valid %s call and keeps unknown fields', (type, call) => {
    const outcome = parseWith(callSchemas[type], { ...call, _metadata: { nodeVersion: '20' } });
    expect(outcome).toEqual({
      ok: true,
      value: expect.objectContaining({ ...call, _metadata: { nodeVersion: '20' } }),
    });
  });

  it.each([
    [
      'track without event',
      'track',
      { userId: 'u1' },
      'event',
      'is required: the name of the action, e.g. "Order Completed"',
    ],
    ['track without identity', 'track', { event: 'E' }, 'userId', 'userId or anonymousId is required'],
    ['empty event name', 'track', { userId: 'u', event: '' }, 'event', 'must not be empty'],
    [
      'timestamp without zone',
      'track',
      { userId: 'u', event: 'E', timestamp: '2026-12-04 12:00' },
      'timestamp',
      'must be an ISO 8601 date-time with a zone, e.g. 2026-12-04T12:00:00.000Z',
    ],
    [
      'properties not an object',
      'track',
      { userId: 'u', event: 'E', properties: 3 },
      'properties',
      'Invalid input: expected record, received number',
    ],
    [
      'group without groupId',
      'group',
      { userId: 'u' },
      'groupId',
      'is required: the id of the group (account, company) the user belongs to',
    ],
    [
      'alias without previousId',
      'alias',
      { userId: 'u' },
      'previousId',
      'is required: the id the user had before',
    ],
    [
      'alias without userId',
      'alias',
      { previousId: 'p' },
      'userId',
      'Invalid input: expected string, received undefined',
    ],
  ] as const)('refuses %s with the field path and reason', (_label, type, call, path, message) => {
    const outcome = parseWith(callSchemas[type], call);
    expect(outcome).toEqual({ ok: false, problems: [{ path, message }] });
  });

  it('addresses problems inside a batch item by index', () => {
    const outcome = parseWith(batchCall, { batch: [] });
    expect(outcome).toEqual({
      ok: false,
      problems: [{ path: 'batch', message: 'must hold at least one call' }],
    });
    const item = parseWith(batchItem, { type: 'shout', userId: 'u' });
    expect(item).toEqual({
      ok: false,
      problems: [{ path: 'type', message: 'must be one of track, identify, page, screen, group, alias' }],
    });
  });

  it('never throws and always names a path, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const outcome = parseWith(trackCall, input);
        if (!outcome.ok) {
          expect(outcome.problems.length).toBeGreaterThan(0);
          for (const problem of outcome.problems) expect(problem.path.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
