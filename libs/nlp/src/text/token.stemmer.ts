import { natural } from './natural.loader';

const { PorterStemmer } = natural;

// Feedback vocabulary is Zipfian: a few thousand forms cover almost every token, so memoising
// Porter's stemmer removes most of its cost. The bound keeps a stream of junk from growing it.
const cacheLimit = 50_000;
const stems = new Map<string, string>();
const latinWord = /^[a-z][a-z']*$/;

/**
 * Porter (1980) stem of an English token via natural's PorterStemmer; tokens that are not plain
 * Latin words (Chinese words, numbers, mixed) are returned unchanged.
 */
export function stemToken(token: string): string {
  const cached = stems.get(token);
  if (cached !== undefined) return cached;
  const stem = latinWord.test(token) ? PorterStemmer.stem(token.replace(/'/g, '')) : token;
  if (stems.size >= cacheLimit) stems.clear();
  stems.set(token, stem);
  return stem;
}

export function stemTokens(tokens: readonly string[]): string[] {
  return tokens.map(stemToken);
}
