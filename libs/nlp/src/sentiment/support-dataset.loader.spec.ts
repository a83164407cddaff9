import {
  loadSupportNeutral,
  loadSupportSentiment,
  supportNeutralSplit,
  supportSource,
  supportTestSplit,
} from './support-dataset.loader';

describe('support sentiment data', () => {
  const sentences = loadSupportSentiment();

  it('holds 704 hand-written sentences, half complaints and half praise, each once', () => {
    expect(sentences).toHaveLength(704);
    expect(sentences.filter((sentence) => sentence.label === 0)).toHaveLength(352);
    expect(new Set(sentences.map((sentence) => sentence.text.toLowerCase())).size).toBe(704);
    expect(sentences.every((sentence) => sentence.source === supportSource)).toBe(true);
  });

  it('splits 30% off as a fixed, balanced held-out set disjoint from training', () => {
    const { train, test } = supportTestSplit();
    expect([train.length, test.length]).toEqual([492, 212]);
    expect(test.filter((sentence) => sentence.label === 1)).toHaveLength(106);
    const trained = new Set(train.map((sentence) => sentence.text));
    expect(test.filter((sentence) => trained.has(sentence.text))).toEqual([]);
    expect(supportTestSplit().test.map((sentence) => sentence.text)).toEqual(test.map((s) => s.text));
  });

  it('holds 200 neutral sentences, none also labelled, split 140 / 60 the same way every time', () => {
    const neutral = loadSupportNeutral();
    expect(neutral).toHaveLength(200);
    expect(new Set(neutral.map((sentence) => sentence.text.toLowerCase())).size).toBe(200);
    const labelled = new Set(sentences.map((sentence) => sentence.text.toLowerCase()));
    expect(neutral.filter((sentence) => labelled.has(sentence.text.toLowerCase()))).toEqual([]);
    const { train, test } = supportNeutralSplit();
    expect([train.length, test.length]).toEqual([140, 60]);
    const trained = new Set(train.map((sentence) => sentence.text));
    expect(test.filter((sentence) => trained.has(sentence.text))).toEqual([]);
    expect(supportNeutralSplit().test).toEqual(test);
  });
});
