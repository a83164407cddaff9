import { detectLanguage } from './language.detector';

describe('detectLanguage', () => {
  it.each([
    'The app keeps crashing when I open settings',
    'great phone',
    'Not worth the money, returned it.',
  ])('detects English: %s', (text) => {
    expect(detectLanguage(text).language).toBe('en');
  });

  it.each(['价格太贵了', '发货太慢了，一个星期还没到。', '我用iPhone 15，感觉不错'])(
    'detects Chinese: %s',
    (text) => {
      expect(detectLanguage(text).language).toBe('zh');
    },
  );

  it('is more confident when English function words show the grammar', () => {
    expect(detectLanguage('this is not what I ordered').confidence).toBeGreaterThan(
      detectLanguage('great phone').confidence,
    );
  });

  it('reports a text split between Chinese and English as mixed-script "und"', () => {
    const guess = detectLanguage('价格太贵了 发货也很慢 the price is too high');
    expect(guess).toMatchObject({ language: 'und', mixedScript: true });
  });

  it.each([
    ['German', 'Das ist nicht gut und sehr teuer'],
    ['French', "Ce n'est pas très bien, je suis déçu"],
    ['Russian', 'Очень медленная доставка'],
    ['Japanese', '配送がとても遅いです'],
  ])('reports %s as "und" (not supported), without calling it mixed', (_, text) => {
    expect(detectLanguage(text)).toMatchObject({ language: 'und', mixedScript: false });
  });

  it('reports text without letters as "und" with zero confidence', () => {
    expect(detectLanguage('12345 !!!')).toMatchObject({ language: 'und', confidence: 0 });
  });
});
