import { mergeDomainWords } from './chinese-domain.lexicon';
import { normaliseText } from './text.normaliser';

// Scripts written without spaces between words: these need dictionary-based segmentation (ICU's
// word break iterator, exposed as Intl.Segmenter, UAX #29 plus ICU's CJK dictionary).
const unspacedScript =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// A word in spaced scripts: letters, marks and digits, with inner apostrophes ("don't", "o'clock")
// and decimal numbers ("3.5") kept whole. Hyphenated compounds split, so "user-friendly" shares
// features with "friendly".
const spacedWord = /\d+(?:[.,]\d+)+|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu;
// Punctuation that ends a clause; negation and intensifiers do not reach across it
// (Pang, Lee & Vaithyanathan 2002 end negation scope at the next punctuation mark).
// A full stop or comma between digits belongs to a number ("3.5", "1,200"), not to the clause.
const clauseBreak = /[.,;:!?()[\]{}"…。，、；：！？（）【】「」『』]/u;
const clauseBreaks = /(?:(?<!\d)[.,]|[.,](?!\d)|[;:!?()[\]{}"…。，、；：！？（）【】「」『』])+/gu;

let chineseSegmenter: Intl.Segmenter | undefined;

function segmenter(): Intl.Segmenter {
  // Built once: constructing a segmenter loads ICU break rules and dictionaries.
  chineseSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return chineseSegmenter;
}

/** True when the text holds characters of a script that is written without spaces. */
export function hasUnspacedScript(text: string): boolean {
  return unspacedScript.test(text);
}

function segmentClauses(normalised: string): string[][] {
  const clauses: string[][] = [];
  let current: string[] = [];
  for (const part of segmenter().segment(normalised)) {
    if (part.isWordLike) current.push(part.segment);
    else if (clauseBreak.test(part.segment) && current.length > 0) {
      clauses.push(mergeDomainWords(current));
      current = [];
    }
  }
  if (current.length > 0) clauses.push(mergeDomainWords(current));
  return clauses;
}

function splitClauses(normalised: string): string[][] {
  const clauses: string[][] = [];
  for (const piece of normalised.split(clauseBreaks)) {
    const words = piece.match(spacedWord);
    if (words) clauses.push(words);
  }
  return clauses;
}

/**
 * Word tokens of already normalised text, grouped by clause. Chinese, Japanese and South-East
 * Asian scripts go through Intl.Segmenter so "价格太贵了" yields words ("价格", "太", "贵了"),
 * not characters; everything else uses a Unicode-aware regular expression, which is several
 * times faster than the segmenter on Latin text.
 */
export function clausesOfNormalised(normalised: string): string[][] {
  return hasUnspacedScript(normalised) ? segmentClauses(normalised) : splitClauses(normalised);
}

/** Word tokens of already normalised text. */
export function tokensOfNormalised(normalised: string): string[] {
  return clausesOfNormalised(normalised).flat();
}

/** Normalises, then splits into word tokens (punctuation, symbols and emoji dropped). */
export function tokenise(text: string): string[] {
  return tokensOfNormalised(normaliseText(text));
}

/** Normalises, then splits into clauses of word tokens, broken at punctuation. */
export function tokeniseClauses(text: string): string[][] {
  return clausesOfNormalised(normaliseText(text));
}
