import { eventEnvelope } from '@userops/contracts';
import { v5 as uuidv5 } from 'uuid';
import { buildEnvelope, correctedTimestamp, eventIdOf } from './envelope.factory';

const receivedAt = new Date('2026-12-04T12:00:10.000Z');

describe('correctedTimestamp', () => {
  it('shifts the timestamp by the gap between the client clock and ours (Segment clock-skew)', () => {
    // The client clock is 1 h behind: it sent at 11:00:09 an event it stamped 11:00:00.
    const corrected = correctedTimestamp(receivedAt, '2026-12-04T11:00:00.000Z', '2026-12-04T11:00:09.000Z');
    expect(corrected.toISOString()).toBe('2026-12-04T12:00:01.000Z');
  });

  it('keeps the timestamp without sentAt, and uses receivedAt without either', () => {
    expect(correctedTimestamp(receivedAt, '2026-01-01T00:00:00.000Z', undefined).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(correctedTimestamp(receivedAt, undefined, undefined)).toBe(receivedAt);
  });
});

describe('buildEnvelope', () => {
  it('builds a valid envelope with a deterministic eventId per source and messageId', () => {
    const call = { userId: 'u1', event: 'Order Completed', properties: { revenue: 10 }, messageId: 'm-1' };
    const a = buildEnvelope(call, 'track', { sourceId: 's1', receivedAt, batchContext: { ip: '1.2.3.4' } });
    const b = buildEnvelope(call, 'track', { sourceId: 's1', receivedAt });
    const c = buildEnvelope(call, 'track', { sourceId: 's2', receivedAt });
    expect(eventEnvelope.safeParse(a).success).toBe(true);
    expect(a).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      userId: 'u1',
      sourceId: 's1',
      context: { ip: '1.2.3.4' },
    });
    expect(a.eventId).toBe(b.eventId);
    expect(a.eventId).not.toBe(c.eventId);
    expect(a.timestamp).toBe(receivedAt.toISOString());
  });

  it('generates a messageId when the call has none', () => {
    const envelope = buildEnvelope({ anonymousId: 'a1', traits: { plan: 'pro' } }, 'identify', {
      sourceId: 's',
      receivedAt,
    });
    expect(envelope.messageId).toMatch(/^userops-[0-9a-f-]{36}$/);
    expect(envelope.traits).toEqual({ plan: 'pro' });
    expect(eventEnvelope.safeParse(envelope).success).toBe(true);
  });
});

describe('eventIdOf', () => {
  it('is the RFC 4122 v5 UUID the uuid package computes for the same namespace and name', () => {
    for (const [source, message] of [
      ['s1', 'm-1'],
      ['a-source', 'ünïcødé-✓'],
      ['', ''],
    ]) {
      expect(eventIdOf(source!, message!)).toBe(
        uuidv5(`${source}\u0000${message}`, '3d0f6c1e-8f5e-4b7a-9a43-5a2f0a6b9c11'),
      );
    }
  });
});
