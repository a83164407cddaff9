/**
 * Contiguous n-grams of a token sequence joined with a space, for each order in `orders`
 * (default uni- and bigrams). Bigrams keep local word order ("not good", "battery life") that a
 * bag of unigrams loses; Wang & Manning (2012) show they help short-text sentiment most.
 */
export function nGrams(tokens: readonly string[], orders: readonly number[] = [1, 2]): string[] {
  const grams: string[] = [];
  for (const order of orders) {
    if (!Number.isInteger(order) || order < 1) {
      throw new RangeError(`n-gram order must be a positive integer, got ${order}`);
    }
    for (let start = 0; start + order <= tokens.length; start++) {
      grams.push(order === 1 ? tokens[start]! : tokens.slice(start, start + order).join(' '));
    }
  }
  return grams;
}
