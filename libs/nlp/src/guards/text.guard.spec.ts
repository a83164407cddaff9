import fc from 'fast-check';
import { NlpError } from '../errors/nlp.error';
import { defaultTextLimits, guardText, resolveTextLimits } from './text.guard';

describe('guardText', () => {
  it('accepts ordinary text and returns its normalised form', () => {
    expect(guardText('  Great PHONE ')).toEqual({
      ok: true,
      text: '  Great PHONE ',
      normalised: 'great phone',
    });
  });

  it.each([
    [42, 'NOT_TEXT'],
    [null, 'NOT_TEXT'],
    [Buffer.from('hello'), 'NOT_TEXT'],
    ['', 'EMPTY_TEXT'],
    ['   \n\t ', 'EMPTY_TEXT'],
    ['!!! ... 👍👍', 'EMPTY_TEXT'],
    ['\u0000\u0001\u0002binary\u0003\u0004\u0005\u0006', 'BINARY_CONTENT'],
    ['\ufffd\ufffd\ufffdab\ufffd', 'BINARY_CONTENT'],
    ['\ud800\ud801\ud802abc', 'BINARY_CONTENT'],
  ])('rejects %j with code %s', (input, code) => {
    const guarded = guardText(input);
    expect(guarded.ok).toBe(false);
    if (!guarded.ok) {
      expect(guarded.rejection.code).toBe(code);
      expect(guarded.rejection.message.length).toBeGreaterThan(10);
    }
  });

  it('rejects text over the configured size in UTF-8 bytes, counting multi-byte characters', () => {
    const limits = resolveTextLimits({ maxBytes: 10 });
    expect(guardText('abcdefghij', limits).ok).toBe(true);
    // 4 Han characters are 12 UTF-8 bytes although only 4 UTF-16 units.
    const guarded = guardText('价格太贵', limits);
    expect(guarded).toMatchObject({
      ok: false,
      rejection: { code: 'TEXT_TOO_LARGE', details: { bytes: 12, maxBytes: 10 } },
    });
  });

  it('refuses a huge text by its length without measuring all of it', () => {
    const guarded = guardText('a'.repeat(defaultTextLimits.maxBytes * 100));
    expect(guarded).toMatchObject({ ok: false, rejection: { code: 'TEXT_TOO_LARGE' } });
  });

  it('tolerates a few stray control characters in otherwise normal text', () => {
    expect(guardText('the battery\u0000 life is great, really great')).toMatchObject({
      ok: true,
      normalised: 'the battery life is great, really great',
    });
  });

  it('validates limits at configuration time with a CONFIG_INVALID error', () => {
    expect(() => resolveTextLimits({ maxBytes: 0 })).toThrow(NlpError);
    expect(() => resolveTextLimits({ maxBinaryShare: 2 })).toThrow(/maxBinaryShare/);
  });

  it('never throws and always answers ok or a known code, for any string', () => {
    const codes = new Set(['EMPTY_TEXT', 'TEXT_TOO_LARGE', 'BINARY_CONTENT']);
    const utf16Units = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), utf16Units), (text) => {
        const guarded = guardText(text);
        return guarded.ok ? typeof guarded.normalised === 'string' : codes.has(guarded.rejection.code);
      }),
      { numRuns: 500 },
    );
  });
});
