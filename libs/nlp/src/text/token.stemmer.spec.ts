import { nGrams } from './n-gram.builder';
import { isStopWord, withoutStopWords } from './stop-words.lexicon';
import { stemToken, stemTokens } from './token.stemmer';

describe('stemToken (Porter via natural)', () => {
  it.each([
    ['running', 'run'],
    ['batteries', 'batteri'],
    ['battery', 'batteri'],
    ['disappointed', 'disappoint'],
    ['disappointing', 'disappoint'],
    ['happiness', 'happi'],
    ['crashes', 'crash'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemToken(word)).toBe(stem);
  });

  it('drops the apostrophe of contractions before stemming', () => {
    expect(stemToken("doesn't")).toBe('doesnt');
  });

  it('leaves Chinese words and numbers unchanged', () => {
    expect(stemTokens(['价格', '3.5', 'ipad2'])).toEqual(['价格', '3.5', 'ipad2']);
  });
});

describe('stop words', () => {
  it('removes English and Chinese function words but keeps negations', () => {
    expect(withoutStopWords(['the', 'app', 'is', 'not', 'working', '的', '价格'])).toEqual([
      'app',
      'not',
      'working',
      '价格',
    ]);
    expect(isStopWord('never')).toBe(false);
    expect(isStopWord('cannot')).toBe(false);
  });
});

describe('nGrams', () => {
  it('gives unigrams then bigrams by default', () => {
    expect(nGrams(['battery', 'life', 'short'])).toEqual([
      'battery',
      'life',
      'short',
      'battery life',
      'life short',
    ]);
  });

  it('gives nothing for orders longer than the sequence', () => {
    expect(nGrams(['one'], [2, 3])).toEqual([]);
  });

  it('rejects orders that are not positive integers', () => {
    expect(() => nGrams(['a'], [0])).toThrow('n-gram order must be a positive integer');
  });
});
