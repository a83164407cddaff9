import { natural } from './natural.loader';

// natural's list includes "never" and "cannot"; they are negations and carry meaning here.
const keptNegations = new Set(['never', 'cannot']);
const naturalEnglishStopWords = natural.stopwords.filter((word) => !keptNegations.has(word));

/**
 * English stop words: natural's list (170 words) without its two negations, plus contractions and
 * filler that dominate feedback text. Negations ("not", "no", "never") are not stop words: they
 * carry sentiment and intent ("never arrived").
 */
export const englishStopWords: ReadonlySet<string> = new Set([
  ...naturalEnglishStopWords,
  "i'm",
  "i've",
  "i'd",
  "i'll",
  "it's",
  "that's",
  "there's",
  "you're",
  "we're",
  "they're",
  "let's",
  'im',
  'ive',
  'also',
  'just',
  'really',
  'would',
  'could',
  'should',
  'get',
  'got',
  'one',
  'us',
  'much',
  'even',
  'still',
  'please',
  'thing',
  'things',
  'lot',
  'way',
  'since',
  'every',
  'ever',
  'able',
  'make',
  'made',
  'keep',
  'keeps',
  'kept',
  'goes',
  'going',
  'gets',
  'getting',
]);

/**
 * Chinese function words and particles, a small subset of the widely used HIT (哈工大) and
 * Baidu stop-word lists; enough to keep particles out of keywords and topic features.
 */
export const chineseStopWords: ReadonlySet<string> = new Set([
  '的',
  '了',
  '是',
  '我',
  '你',
  '他',
  '她',
  '它',
  '我们',
  '你们',
  '他们',
  '这',
  '那',
  '这个',
  '那个',
  '就',
  '都',
  '也',
  '还',
  '在',
  '和',
  '与',
  '或',
  '有',
  '又',
  '吧',
  '吗',
  '呢',
  '啊',
  '呀',
  '哦',
  '嗯',
  '得',
  '地',
  '着',
  '过',
  '给',
  '把',
  '被',
  '让',
  '对',
  '从',
  '到',
  '很',
  '太',
  '非常',
  '一个',
  '一下',
  '一直',
  '已经',
  '什么',
  '怎么',
  '为什么',
  '可以',
  '能',
  '会',
  '要',
  '想',
  '用',
  '说',
  '请',
  '感觉',
  '觉得',
  '真的',
  '而且',
  '但是',
  '还是',
  '所以',
  '因为',
  '如果',
]);

export function isStopWord(token: string): boolean {
  return englishStopWords.has(token) || chineseStopWords.has(token);
}

/** Tokens with stop words and tokens without a letter or digit removed. */
export function withoutStopWords(tokens: readonly string[]): string[] {
  return tokens.filter((token) => !isStopWord(token));
}
