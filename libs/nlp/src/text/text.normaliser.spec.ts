import { normaliseText } from './text.normaliser';

describe('normaliseText', () => {
  it('applies NFKC, so full-width letters, digits and ligatures read as their plain forms', () => {
    expect(normaliseText('ＡＢＣ１２３ ﬁne')).toBe('abc123 fine');
  });

  it('lower-cases and collapses whitespace, including tabs and line breaks', () => {
    expect(normaliseText('  Great\tPHONE\r\n\n  Really ')).toBe('great phone really');
  });

  it('strips control and invisible format characters instead of keeping them inside words', () => {
    expect(normaliseText('bat\u0000te\u200bry\u0007 life\ufeff')).toBe('battery life');
  });

  it('folds typographic apostrophes and quotes so "don’t" equals "don\'t"', () => {
    expect(normaliseText('Don’t “love” it')).toBe('don\'t "love" it');
  });

  it('replaces unpaired surrogates with U+FFFD and keeps valid astral characters', () => {
    expect(normaliseText('a\ud800b 😀')).toBe('a\ufffdb 😀');
  });
});
