import { NlpError } from '../errors/nlp.error';
import { clausesOfNormalised } from '../text/text.tokeniser';
import { normaliseText } from '../text/text.normaliser';
import { KeywordIndex, keywordCandidates, rankKeywordCandidates, rarestKeysBeyond } from './keyword.index';

const corpus = [
  'The app is slow to load',
  'The app crashes on startup',
  'Love the app, great design',
  'The app is slow and the checkout is slow',
  'Refund still not processed after two weeks',
];

function indexOf(texts: readonly string[]): KeywordIndex {
  const index = new KeywordIndex();
  texts.forEach((text) => index.addDocument(text));
  return index;
}

describe('KeywordIndex', () => {
  it('ranks a rare term above one that most documents use', () => {
    expect(
      indexOf(corpus)
        .keywords('app, refund', 2)
        .map((keyword) => keyword.term),
    ).toEqual(['refund', 'app']);
  });

  it('computes TF-IDF with (1 + ln tf)·(ln((1+N)/(1+df)) + 1) against the running corpus', () => {
    const index = indexOf(corpus);
    const [top] = index.keywords('refund', 1);
    expect(top).toEqual({ term: 'refund', score: Math.log((1 + 5) / (1 + 1)) + 1 });
    const slow = index.keywords('slow slow', 1)[0]!;
    expect(slow.score).toBeCloseTo((1 + Math.log(2)) * (Math.log(6 / 3) + 1), 12);
  });

  it('finds phrases of adjacent content words and counts word forms by stem', () => {
    const keywords = indexOf(corpus).keywords('Battery life is poor. The batteries drain fast', 5);
    const terms = keywords.map((k) => k.term);
    expect(terms).toContain('battery life');
    // "Battery" and "batteries" are one keyword seen twice: it ranks first, shown as first written.
    expect(keywords[0]).toEqual({ term: 'battery', score: (1 + Math.log(2)) * (Math.log(6) + 1) });
    expect(terms).not.toContain('batteries');
  });

  it('updates document frequencies incrementally: repeated complaints stop standing out', () => {
    const index = indexOf(corpus);
    const before = index.keywords('checkout broken', 5).find((k) => k.term === 'checkout broken')!.score;
    for (let i = 0; i < 10; i++) index.addDocument('checkout broken again');
    const after = index.keywords('checkout broken', 5).find((k) => k.term === 'checkout broken')!.score;
    expect(after).toBeLessThan(before);
    expect(index.documents).toBe(15);
  });

  it('gives Chinese keywords as words, never single characters', () => {
    const terms = new KeywordIndex().keywords('价格太贵了，发货也很慢', 5).map((k) => k.term);
    expect(terms).toEqual(expect.arrayContaining(['价格', '发货']));
    expect(terms.every((term) => term.length >= 2)).toBe(true);
  });

  it('serialises its state as JSON and restores the same scores', () => {
    const index = indexOf(corpus);
    const restored = KeywordIndex.fromState(JSON.parse(JSON.stringify(index.toState())));
    expect(restored.keywords('slow refund app')).toEqual(index.keywords('slow refund app'));
    expect(restored.documents).toBe(index.documents);
  });

  it('rejects malformed state with MODEL_INVALID', () => {
    expect(() => KeywordIndex.fromState({ documents: 1 })).toThrow(NlpError);
    const state = indexOf(corpus).toState();
    expect(() => KeywordIndex.fromState({ ...state, documentFrequency: { app: 99 } })).toThrow(
      /within 1\.\.5/,
    );
  });

  it('stays within its term bound by forgetting the rarest keys', () => {
    const index = new KeywordIndex({ maxTerms: 50 });
    for (let i = 0; i < 100; i++) index.addDocument(`common word${i} filler${i}`);
    expect(index.size).toBeLessThanOrEqual(50);
    expect(index.toState().documentFrequency['common']).toBe(100);
  });
});

describe('rankKeywordCandidates over counts kept elsewhere', () => {
  it("ranks exactly as the index whose counts it is given, needing only the text's own keys", () => {
    const index = indexOf(corpus);
    const candidates = keywordCandidates(
      clausesOfNormalised(normaliseText('The refund is slow, the app too')),
    );
    const { documents, documentFrequency } = index.toState();
    // Only the counts of this text's keys, as a shared store would return them.
    const fetched = new Map(
      candidates.flatMap(({ key }) =>
        documentFrequency[key] === undefined ? [] : [[key, documentFrequency[key]] as const],
      ),
    );
    expect(fetched.size).toBeLessThan(Object.keys(documentFrequency).length);
    expect(rankKeywordCandidates(candidates, { documents, documentFrequency: fetched }, 3)).toEqual(
      index.rank(candidates, 3),
    );
  });
});

describe('rarestKeysBeyond', () => {
  it('forgets nothing within the bound and the rarest keys down to 90% of it past the bound', () => {
    const counts: Array<[string, number]> = [
      ['a', 5],
      ['b', 1],
      ['c', 3],
      ['d', 1],
      ['e', 2],
    ];
    expect(rarestKeysBeyond(counts, 5)).toEqual([]);
    // Bound 4 keeps floor(3.6) = 3: the two rarest go, ties broken by key.
    expect(rarestKeysBeyond(counts, 4)).toEqual(['b', 'd']);
  });
});
