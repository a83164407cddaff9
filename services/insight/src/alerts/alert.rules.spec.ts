import { type AlertInput, evaluateAlertRules, mentionsLeaving } from './alert.rules';

const thresholds = {
  negativeSentiment: -0.3,
  churnSentiment: 0.1,
  churnTrend: -0.4,
  churnTrendMinTexts: 3,
  featureRequestMinScore: 0.5,
};
const input = (overrides: Partial<AlertInput>): AlertInput => ({
  text: 'fine',
  sentiment: 0.2,
  topics: [],
  author: { trend: 0, analysedTexts: 1 },
  ...overrides,
});
const rules = (overrides: Partial<AlertInput>) =>
  evaluateAlertRules(input(overrides), thresholds).map((a) => a.rule);

describe('alert rules', () => {
  it('fires nothing for a mildly positive text', () => {
    expect(rules({})).toEqual([]);
  });

  it('fires negative-feedback at the threshold, critical when far below it', () => {
    expect(rules({ sentiment: -0.3 })).toEqual(['negative-feedback']);
    expect(rules({ sentiment: -0.29 })).toEqual([]);
    const [mild] = evaluateAlertRules(input({ sentiment: -0.4 }), thresholds);
    const [severe] = evaluateAlertRules(input({ sentiment: -0.9 }), thresholds);
    expect([mild!.severity, severe!.severity]).toEqual(['warning', 'critical']);
  });

  it('fires churn-signal for cancel/refund words with non-positive sentiment, not for happy mentions', () => {
    expect(rules({ text: 'I want a refund, this is not worth it', sentiment: -0.05 })).toEqual([
      'churn-signal',
    ]);
    expect(rules({ text: 'Cancelling my plan today', sentiment: -0.5 })).toEqual([
      'negative-feedback',
      'churn-signal',
    ]);
    expect(rules({ text: 'Cancellation was easy, thanks!', sentiment: 0.8 })).toEqual([]);
    expect(rules({ text: '我要退款', sentiment: -0.1 })).toEqual(['churn-signal']);
  });

  it('fires churn-signal on a souring author only once the trend rests on enough texts', () => {
    expect(rules({ author: { trend: -0.5, analysedTexts: 3 } })).toEqual(['churn-signal']);
    expect(rules({ author: { trend: -0.5, analysedTexts: 2 } })).toEqual([]);
    expect(rules({ author: { trend: -0.3, analysedTexts: 10 } })).toEqual([]);
  });

  it('fires feature-request when that topic scores at least the threshold', () => {
    expect(rules({ topics: [{ label: 'feature-request', score: 0.5 }] })).toEqual(['feature-request']);
    expect(rules({ topics: [{ label: 'feature-request', score: 0.49 }] })).toEqual([]);
    expect(rules({ topics: [{ label: 'pricing', score: 0.9 }] })).toEqual([]);
  });

  it('recognises leaving intent by word, not by substring', () => {
    expect(mentionsLeaving('please process my refund')).toBe(true);
    expect(mentionsLeaving('the leaves on the logo are nice')).toBe(false);
    expect(mentionsLeaving('unsubscribing now')).toBe(true);
  });
});
