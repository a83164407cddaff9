/**
 * Product-feedback words that ICU's general-purpose CJK dictionary splits into single characters
 * (checked against Node 20's ICU: 发货 -> 发|货, 客服 -> 客|服, 闪退 -> 闪|退, 性价比 -> 性|价|比).
 * Merging them back keeps keywords and topic features at word level. Hand-curated for userops.
 */
export const chineseDomainWords: ReadonlySet<string> = new Set([
  '发货',
  '客服',
  '闪退',
  '卡顿',
  '卡死',
  '性价比',
  '充值',
  '加载',
  '到账',
  '售后',
  '退货',
  '换货',
  '下单',
  '扣费',
  '续费',
  '好评',
  '差评',
  '会员费',
  '快递员',
  '白屏',
  '黑屏',
  '掉线',
  '耗电',
  '发热',
  '收费',
  '涨价',
  '降价',
  '好用',
  '难用',
  '上手',
  '卸载',
]);

const longestDomainWord = 4;

/**
 * Greedy longest match over adjacent segments: a run like 发|货 becomes 发货 when the joined
 * string is a known domain word of at most four characters.
 */
export function mergeDomainWords(words: readonly string[]): string[] {
  const merged: string[] = [];
  let i = 0;
  while (i < words.length) {
    let taken = 1;
    let joined = words[i]!;
    let candidate = joined;
    for (let j = i + 1; j < words.length && candidate.length < longestDomainWord; j++) {
      candidate += words[j]!;
      if (candidate.length > longestDomainWord) break;
      if (chineseDomainWords.has(candidate)) {
        joined = candidate;
        taken = j - i + 1;
      }
    }
    merged.push(joined);
    i += taken;
  }
  return merged;
}
