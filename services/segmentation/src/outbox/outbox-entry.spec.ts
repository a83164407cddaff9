import { decodeOutboxEntry, encodePendingChangeBody } from './outbox-entry';

const eventId = '0b9f5a4e-3c1d-4c4f-9a51-2f0c2d7e8a11';
const flat = (fields: Record<string, string>) => Object.entries(fields).flat();
const base = {
  eventId,
  occurredAt: '2026-12-04T12:00:00.000Z',
  userId: 'user-1',
  model: 'rfm',
};

describe('decodeOutboxEntry', () => {
  it('rebuilds the event with the eventId and time fixed at the swap, and the cause the swap read', () => {
    const decoded = decodeOutboxEntry(
      flat({
        ...base,
        change: encodePendingChangeBody({
          modelVersion: 'rfm-v3',
          current: 'champions',
          features: { orders: 4 },
          reason: 'features updated: R5 F4 M5',
        }),
        previous: 'new',
        causeMessageId: 'msg-9',
        causeEventId: 'evt-9',
      }),
    );
    expect(decoded).toEqual({
      ok: true,
      event: {
        eventId,
        occurredAt: base.occurredAt,
        userId: 'user-1',
        schemaVersion: 1,
        correlationId: 'msg-9',
        causationId: 'evt-9',
        model: 'rfm',
        modelVersion: 'rfm-v3',
        previous: 'new',
        current: 'champions',
        features: { orders: 4 },
        reason: 'features updated: R5 F4 M5',
      },
    });
  });

  it('makes a change without a previous segment or a cause (a first retrain) its own correlation', () => {
    const decoded = decodeOutboxEntry(
      flat({
        ...base,
        model: 'kmeans',
        change: encodePendingChangeBody({
          modelVersion: 'kmeans-v1',
          current: 'k2',
          features: {},
          reason: 'retrained',
          cause: {},
        }),
        causeMessageId: 'ignored-when-the-body-names-the-cause',
      }),
    );
    expect(decoded.ok && decoded.event).toMatchObject({
      previous: null,
      correlationId: eventId,
      causationId: eventId,
    });
  });

  it('reports an entry that cannot become a valid segment-changed instead of throwing', () => {
    expect(decodeOutboxEntry(flat({ ...base, change: '{not json' }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not JSON'),
    });
    expect(
      decodeOutboxEntry(
        flat({
          ...base,
          change: encodePendingChangeBody({
            modelVersion: 'rfm-v1',
            current: 'champions',
            features: {},
            reason: 'x',
          }),
          model: 'astrology',
        }),
      ),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('model') });
    expect(decodeOutboxEntry(flat({ userId: 'u' }))).toMatchObject({ ok: false });
  });
});
