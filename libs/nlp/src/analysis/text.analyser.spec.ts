import fc from 'fast-check';
import { KeywordIndex } from '../keywords/keyword.index';
import { analyseText, createTextAnalyser } from './text.analyser';

describe('analyseText', () => {
  it('returns language, sentiment, keywords, topics and token count for an English text', () => {
    const result = analyseText('The checkout keeps crashing and support never replies. Very disappointed!');
    expect(result).toMatchObject({ status: 'analysed', language: 'en', tokens: 10, warnings: [] });
    if (result.status !== 'analysed') throw new Error('expected an analysis');
    expect(result.sentiment).toBeLessThan(-0.3);
    expect(result.topics[0]?.label).toBe('support');
    expect(result.keywords.length).toBeGreaterThan(0);
    expect(result.models.sentiment).toMatch(/^sentiment-[0-9a-f]{12}$/);
  });

  it('analyses Chinese with word-level keywords', () => {
    const result = analyseText('价格太贵了，客服态度也很差');
    expect(result).toMatchObject({ status: 'analysed', language: 'zh' });
    if (result.status !== 'analysed') throw new Error('expected an analysis');
    expect(result.sentiment).toBeLessThan(0);
    const terms = result.keywords.map((keyword) => keyword.term);
    expect(terms).toContain('价格');
    expect(terms.some((term) => term.includes('客服'))).toBe(true);
    expect(terms.every((term) => term.length >= 2)).toBe(true);
  });

  it('flags mixed-script and unsupported-language text but still analyses it', () => {
    expect(analyseText('价格太贵了 发货也很慢 the price is too high')).toMatchObject({
      status: 'analysed',
      language: 'und',
      warnings: ['MIXED_SCRIPT'],
    });
    expect(analyseText('Очень медленная доставка')).toMatchObject({
      status: 'analysed',
      warnings: ['UNSUPPORTED_LANGUAGE'],
    });
  });

  it('returns a rejection with a stable code for empty, binary, oversized and non-string input', () => {
    expect(analyseText('   ')).toMatchObject({ status: 'rejected', code: 'EMPTY_TEXT' });
    expect(analyseText('\u0000\u0001\u0002\u0003\u0004ab')).toMatchObject({
      status: 'rejected',
      code: 'BINARY_CONTENT',
    });
    expect(analyseText('spam '.repeat(100_000))).toMatchObject({
      status: 'rejected',
      code: 'TEXT_TOO_LARGE',
    });
    expect(analyseText(undefined)).toMatchObject({ status: 'rejected', code: 'NOT_TEXT' });
  });

  it('is deterministic: its keyword corpus does not learn', () => {
    const text = 'Refund for my broken blender please';
    expect(analyseText(text)).toEqual(analyseText(text));
  });

  it('never throws on arbitrary strings and keeps every score in range', () => {
    const utf16Units = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    });
    const words = fc
      .array(fc.constantFrom('good', 'not', 'bad', '价格', '太贵了', 'slow', '!', ' ', '\u0000', '😀'), {
        maxLength: 30,
      })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          utf16Units,
          words,
        ),
        (text) => {
          const result = analyseText(text);
          if (result.status === 'rejected')
            return typeof result.code === 'string' && result.message.length > 0;
          return (
            result.sentiment >= -1 &&
            result.sentiment <= 1 &&
            result.topics.every((topic) => topic.score >= 0 && topic.score <= 1) &&
            Number.isFinite(result.languageConfidence) &&
            result.keywords.every((keyword) => Number.isFinite(keyword.score))
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('createTextAnalyser', () => {
  it('learns keyword document frequencies from the texts it analyses', () => {
    const keywordIndex = new KeywordIndex();
    const analyser = createTextAnalyser({ keywordIndex });
    analyser.analyse('The blender is loud');
    analyser.analyse('The blender is loud again');
    expect(keywordIndex.documents).toBe(2);
    expect(keywordIndex.toState().documentFrequency['blender']).toBe(2);
  });

  it('applies configured limits', () => {
    const analyser = createTextAnalyser({ limits: { maxBytes: 8 } });
    expect(analyser.analyse('longer than eight bytes')).toMatchObject({
      status: 'rejected',
      code: 'TEXT_TOO_LARGE',
    });
  });

  it('refuses invalid configuration with CONFIG_INVALID', () => {
    expect(() => createTextAnalyser({ keywordLimit: -1 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

describe('TextAnalyser.prepare and complete', () => {
  it('give the same analysis as analyse when completed against the same corpus', () => {
    const learning = createTextAnalyser();
    const split = createTextAnalyser();
    const text = 'Checkout is slow and the refund never arrived';
    const prepared = split.prepare(text);
    if (prepared.status !== 'prepared') throw new Error('expected a prepared text');
    expect(prepared.keywordCandidates.map((candidate) => candidate.key)).toEqual(
      expect.arrayContaining(['checkout', 'refund']),
    );
    const state = split.keywordIndex.toState();
    const counts = {
      documents: state.documents,
      documentFrequency: new Map(Object.entries(state.documentFrequency)),
    };
    expect(split.complete(prepared, counts)).toEqual(learning.analyse(text));
    // complete learns nothing; analyse added the text to its own corpus.
    expect(split.keywordIndex.documents).toBe(learning.keywordIndex.documents - 1);
  });

  it('passes a rejection through from prepare', () => {
    expect(createTextAnalyser().prepare('   ')).toMatchObject({ status: 'rejected', code: 'EMPTY_TEXT' });
  });
});
