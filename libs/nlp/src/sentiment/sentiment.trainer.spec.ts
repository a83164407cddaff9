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

  it('refuses data with a single label', () => {
    const onlyPositive = sentences.filter((s) => s.label === 1);
    expect(() => trainSentimentModel(onlyPositive, options)).toThrow(NlpError);
  });
});
