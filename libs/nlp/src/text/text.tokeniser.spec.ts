import { tokenise, tokeniseClauses } from './text.tokeniser';

describe('tokenise (English and other spaced scripts)', () => {
  it('keeps contractions and decimal numbers whole and drops punctuation and emoji', () => {
    expect(tokenise("I don't like it 👎, the battery lasts 3.5 hours!")).toEqual([
      'i',
      "don't",
      'like',
      'it',
      'the',
      'battery',
      'lasts',
      '3.5',
      'hours',
    ]);
  });

  it('splits hyphenated compounds so "user-friendly" shares features with "friendly"', () => {
    expect(tokenise('User-friendly UI')).toEqual(['user', 'friendly', 'ui']);
  });

  it('groups tokens into clauses at punctuation', () => {
    expect(tokeniseClauses('Not good, but cheap. Fast delivery!')).toEqual([
      ['not', 'good'],
      ['but', 'cheap'],
      ['fast', 'delivery'],
    ]);
  });
});

describe('tokenise (Chinese, via Intl.Segmenter)', () => {
  it('segments "价格太贵了" into words, with the two-character word "价格" among them', () => {
    const tokens = tokenise('价格太贵了');
    expect(tokens).toContain('价格');
    expect(tokens).not.toContain('价格太贵了');
    expect(tokens.join('')).toBe('价格太贵了');
  });

  it('yields multi-character words, not a token per character', () => {
    const tokens = tokenise('这个软件的用户体验不好，希望增加夜间模式');
    expect(tokens).toEqual(expect.arrayContaining(['软件', '用户', '体验', '希望', '增加', '夜间', '模式']));
    expect(tokens.length).toBeLessThan('这个软件的用户体验不好希望增加夜间模式'.length / 1.5);
  });

  it('re-joins product-feedback words that the general ICU dictionary splits (发货, 客服, 闪退)', () => {
    expect(tokenise('发货太慢，客服不回复，软件还闪退')).toEqual(
      expect.arrayContaining(['发货', '客服', '闪退']),
    );
  });

  it('handles Latin words embedded in Chinese text', () => {
    expect(tokenise('我用iPhone，感觉不错')).toEqual(expect.arrayContaining(['iphone', '感觉', '不错']));
  });
});
