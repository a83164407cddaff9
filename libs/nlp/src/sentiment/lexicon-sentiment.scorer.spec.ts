import { tokeniseClauses } from '../text/text.tokeniser';
import { scoreLexiconSentiment } from './lexicon-sentiment.scorer';

const score = (text: string) =>
  scoreLexiconSentiment(tokeniseClauses(text), (text.match(/!/g) ?? []).length).score;

describe('scoreLexiconSentiment', () => {
  it.each(['I love this phone', 'Excellent service', 'great food'])('is positive for %s', (text) => {
    expect(score(text)).toBeGreaterThan(0.2);
  });

  it.each(['This is terrible', 'Worst purchase ever', 'awful and disappointing'])(
    'is negative for %s',
    (text) => {
      expect(score(text)).toBeLessThan(-0.2);
    },
  );

  it('reverses a negated word, including contracted negators natural does not know', () => {
    expect(score('not good')).toBeLessThan(0);
    expect(score("didn't like it")).toBeLessThan(0);
    expect(score("isn't great")).toBeLessThan(0);
    expect(score('not bad')).toBeGreaterThan(0);
  });

  it('keeps negation inside its clause', () => {
    expect(score('not cheap, but great')).toBeGreaterThan(0);
    expect(score('no problems. great phone')).toBeGreaterThan(score('great phone') - 1e-9);
  });

  it('strengthens with intensifiers and weakens with downtoners', () => {
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('extremely bad')).toBeLessThan(score('bad'));
    expect(score('slightly good')).toBeLessThan(score('good'));
  });

  it('weights what follows "but" more', () => {
    expect(score('the screen is great but the battery is terrible')).toBeLessThan(0);
    expect(score('the screen is terrible but the battery is great')).toBeGreaterThan(0);
  });

  it('scores Chinese polarity words with Chinese negators', () => {
    expect(score('很满意')).toBeGreaterThan(0);
    expect(score('太失望了')).toBeLessThan(0);
    expect(score('不满意')).toBeLessThan(0);
  });

  it('stays inside (−1, 1) however many polar words there are', () => {
    const extreme = score(`${'amazing '.repeat(200)}!!!!`);
    expect(extreme).toBeLessThan(1);
    expect(extreme).toBeGreaterThan(0.99);
  });

  it('is exactly 0 with no lexicon word', () => {
    expect(scoreLexiconSentiment(tokeniseClauses('the phone arrived on tuesday'))).toEqual({
      score: 0,
      raw: 0,
      hits: 0,
    });
  });
});
