import { NlpError } from '../errors/nlp.error';
import { sentimentScorer } from './sentiment.evaluation';
import { trainSentimentModel } from './sentiment.trainer';
import type { LabelledSentence } from './uci-dataset.loader';

// A small synthetic corpus where the word "zorp" (unknown to the lexicon) marks positives and
// "blick" negatives: only the classifier can learn them.
const positives = [
  'zorp phone',
  'the zorp case',
  'zorp screen and zorp sound',
  'really zorp',
  'zorp zorp',
  'a zorp buy',
];
const negatives = [
  'blick phone',
  'the blick case',
  'blick screen and blick sound',
  'really blick',
  'blick blick',
  'a blick buy',
];
const sentences: LabelledSentence[] = [
  ...positives
    .flatMap((text) => [text, `${text} today`])
    .map((text) => ({ text, label: 1 as const, source: 'test' })),
  ...negatives
    .flatMap((text) => [text, `${text} today`])
    .map((text) => ({ text, label: 0 as const, source: 'test' })),
];
const provenance = { data: 'synthetic', split: { seed: 0, testShare: 0, trainSize: sentences.length } };

describe('trainSentimentModel', () => {
  const options = { provenance, l2Grid: [1e-3, 1e-2], folds: 3 };

  it('learns words outside the lexicon and picks the lexicon weight from validation data', () => {
    const { model, chosen, candidates } = trainSentimentModel(sentences, options);
    expect(candidates).toHaveLength(2 * 21);
    expect(chosen.accuracy).toBe(Math.max(...candidates.map((c) => c.accuracy)));
    // The lexicon knows neither word, so validation favours the classifier.
    expect(model.lexiconWeight).toBeLessThan(0.5);
    const score = sentimentScorer(model);
    expect(score('zorp')).toBeGreaterThan(0);
    expect(score('blick')).toBeLessThan(0);
  });

  it('is deterministic: the same data gives the same model version', () => {
    expect(trainSentimentModel(sentences, options).model.modelVersion).toBe(
      trainSentimentModel([...sentences], options).model.modelVersion,
    );
  });

  it('with unequal sources, gives each the same say: CV accuracy is the mean of per-source accuracies', () => {
    // The "zorp"/"blick" sentences again as one source, plus a smaller second source where
    // "flim"/"glop" carry the labels.
    const small: LabelledSentence[] = [
      'flim app',
      'flim flim',
      'the flim one',
      'glop app',
      'glop glop',
      'the glop one',
    ].map((text) => ({ text, label: text.includes('flim') ? 1 : 0, source: 'small' }));
    const { candidates } = trainSentimentModel([...sentences, ...small], options);
    for (const candidate of candidates) {
      expect(Object.keys(candidate.accuracyBySource).sort()).toEqual(['small', 'test']);
      const { small: smallAccuracy, test: testAccuracy } = candidate.accuracyBySource;
      expect(candidate.accuracy).toBeCloseTo((smallAccuracy! + testAccuracy!) / 2, 10);
    }
    const unbalanced = trainSentimentModel([...sentences, ...small], { ...options, balanceSources: false });
    for (const candidate of unbalanced.candidates) {
      const { small: smallAccuracy, test: testAccuracy } = candidate.accuracyBySource;
      expect(candidate.accuracy).toBeCloseTo((smallAccuracy! * 6 + testAccuracy! * 24) / 30, 10);
    }
  });

  it('fits neutral sentences towards 0 without counting them in accuracy', () => {
    // Questions about "blick" things are neutral: the classifier must learn that "how is"
    // cancels the negative word, which it cannot learn from the labelled sentences alone.
    const neutralSentences = [
      'how is the blick case',
      'how is the blick phone',
      'how is blick sound',
      'how is a blick buy',
      'how is it blick',
      'how is the blick one',
    ].map((text) => ({ text, source: 'test' }));
    const fixedBlend = { ...options, lexiconWeightGrid: [0] };
    const without = trainSentimentModel(sentences, fixedBlend);
    const withNeutral = trainSentimentModel(sentences, { ...fixedBlend, neutralSentences });
    const unseenQuestion = 'how is the blick screen';
    expect(Math.abs(sentimentScorer(withNeutral.model)(unseenQuestion))).toBeLessThan(
      Math.abs(sentimentScorer(without.model)(unseenQuestion)) / 2,
    );
    expect(sentimentScorer(withNeutral.model)('blick')).toBeLessThan(0);
    // Accuracy is over the 24 labelled sentences only, so it stays a multiple of 1/24.
    for (const candidate of withNeutral.candidates) {
      expect(Number.isInteger(Math.round(candidate.accuracy * 24 * 1e9) / 1e9)).toBe(true);
    }
  });

  it('refuses data with a single label', () => {
    const onlyPositive = sentences.filter((s) => s.label === 1);
    expect(() => trainSentimentModel(onlyPositive, options)).toThrow(NlpError);
  });
});
