import { shippedSentimentModel } from '../analysis/shipped.models';
import { NlpError } from '../errors/nlp.error';
import { evaluateSentiment, sentimentScorer, uciTestSplit } from './sentiment.evaluation';
import { SentimentModel } from './sentiment.model';
import { sentimentSplit } from './uci-dataset.loader';

const model = shippedSentimentModel();
const score = sentimentScorer(model);

describe('shipped sentiment model', () => {
  it('reaches accuracy ≥ 0.85 on the fixed UCI Amazon + Yelp test split it never saw', () => {
    // The data is found via $USEROPS_SENTIMENT_DATA or shared/data/sentiment beside the repo.
    const { test } = uciTestSplit();
    expect(test).toHaveLength(400);
    const evaluation = evaluateSentiment(score, test);
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(evaluation.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('was trained on the training side of that same fixed split', () => {
    expect(model.training.split).toEqual({ ...sentimentSplit, trainSize: 1600 });
    expect(model.lexiconWeight).toBeGreaterThan(0);
    expect(model.lexiconWeight).toBeLessThan(1);
  });

  it.each([
    'Great phone, works perfectly.',
    'I love this place!',
    'The food was delicious and the staff friendly.',
  ])('scores clearly positive text above 0: %s', (text) => expect(score(text)).toBeGreaterThan(0.2));

  it.each(['Terrible battery, broke after a week.', 'Worst service ever.', 'The food was cold and bland.'])(
    'scores clearly negative text below 0: %s',
    (text) => expect(score(text)).toBeLessThan(-0.2),
  );

  it('handles negation: "not good" is negative while "good" is positive', () => {
    expect(score('good')).toBeGreaterThan(0);
    expect(score('not good')).toBeLessThan(0);
    expect(score('This phone is not good.')).toBeLessThan(0);
    expect(score("I wouldn't recommend it.")).toBeLessThan(0);
  });

  it('scores Chinese by the lexicon alone', () => {
    const parts = model.score({ clauses: [['很', '满意']], exclamations: 0, language: 'zh' });
    expect(parts.classifier).toBeNull();
    expect(parts.score).toBe(parts.lexicon);
    expect(parts.score).toBeGreaterThan(0);
  });

  it('round-trips through JSON with the same version and scores', () => {
    const restored = SentimentModel.fromJson(JSON.parse(JSON.stringify(model.toJson())));
    expect(restored.modelVersion).toBe(model.modelVersion);
    expect(sentimentScorer(restored)('Not bad at all, quite good')).toBe(score('Not bad at all, quite good'));
  });

  it('rejects a damaged model file with MODEL_INVALID naming the field', () => {
    const json = model.toJson();
    expect(() => SentimentModel.fromJson({ ...json, weights: json.weights.slice(1) })).toThrow(/"weights"/);
    expect(() => SentimentModel.fromJson({ ...json, formatVersion: 99 })).toThrow(NlpError);
    expect(() => SentimentModel.fromJson('nonsense')).toThrow(
      expect.objectContaining({ code: 'MODEL_INVALID' }),
    );
  });
});
