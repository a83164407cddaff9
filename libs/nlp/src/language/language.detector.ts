import { normaliseText } from '../text/text.normaliser';

/** ISO 639-1 codes this library analyses; 'und' (ISO 639-2 "undetermined") for anything else. */
export type LanguageCode = 'en' | 'zh' | 'und';

export interface LanguageGuess {
  language: LanguageCode;
  /** 0..1: share of the text in the winning script, discounted when word evidence is thin. */
  confidence: number;
  /** True when a second script holds at least `mixedScriptShare` of the text. */
  mixedScript: boolean;
  /** Share of word units per script family; sums to 1 unless the text has no letters. */
  scripts: { han: number; latin: number; other: number };
}

// A dominant script must hold this share of the word units; the runner-up at or above the mixed
// share makes the text mixed-script (e.g. half Chinese, half English), reported as 'und'.
const dominantShare = 0.7;
const mixedScriptShare = 0.3;
// One Chinese word is 1.5 characters on average in segmented corpora (e.g. PKU/MSR of the
// SIGHAN 2005 bakeoff), so Han characters divided by 1.5 compare with Latin word counts.
const hanCharsPerWord = 1.5;
const otherCharsPerWord = 5;

const hanChar = /\p{Script=Han}/gu;
const kanaChar = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const latinWord = /\p{Script=Latin}+(?:'\p{Script=Latin}+)*/gu;
const latinLetter = /\p{Script=Latin}/gu;
const nonAsciiLatin = /[\u00C0-\u024F]/gu;
const otherLetter = /[^\p{Script=Han}\p{Script=Latin}\p{Script=Hiragana}\p{Script=Katakana}\P{L}]/gu;

// Stop-word evidence in the manner of Grefenstette (1995), "Comparing two language identification
// schemes": the most frequent function words separate languages even in short texts.
const englishFunctionWords = new Set(
  (
    'the a an and or but is are was were be been it its this that these those i you he she we they my your ' +
    'our their me him her them of to in on for with at by from as not no so very too do does did have has had ' +
    "can will would don't doesn't didn't isn't wasn't won't can't it's i'm what which who when where how all " +
    'if than then there just about after before out up more'
  ).split(' '),
);
const otherLatinFunctionWords = new Set(
  (
    'der die das und ist nicht ich sehr mit ein eine auch sie wir auf für von zu ' + // German
    'le la les est et pas très je une des du au avec pour sur ce qui dans mais ' + // French
    'el los las es y muy pero que una con para por del lo se su más ' + // Spanish
    'não é muito com uma os um ele ela mas também ' + // Portuguese
    'il è molto che non per della di gli sono questo ' + // Italian
    'het een niet zeer van ik zijn maar ook wel'
  ) // Dutch
    .split(' '),
);

function count(text: string, pattern: RegExp): number {
  let total = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text) !== null) total++;
  return total;
}

/** Language of already normalised (lower-cased) text; see `detectLanguage`. */
export function detectLanguageOfNormalised(normalised: string): LanguageGuess {
  const han = count(normalised, hanChar);
  const kana = count(normalised, kanaChar);
  const latinWords = normalised.match(latinWord) ?? [];
  // Kana marks Japanese, where Han characters are kanji: the whole text then counts as another
  // script (Japanese is not analysed here) rather than as Chinese mixed with something else.
  const chineseHan = kana > 0 ? 0 : han;
  const other =
    (count(normalised, otherLetter) + kana) / otherCharsPerWord + (han - chineseHan) / hanCharsPerWord;
  const units = { han: chineseHan / hanCharsPerWord, latin: latinWords.length, other };
  const total = units.han + units.latin + units.other;
  if (total === 0) {
    return { language: 'und', confidence: 0, mixedScript: false, scripts: { han: 0, latin: 0, other: 0 } };
  }
  const scripts = { han: units.han / total, latin: units.latin / total, other: units.other / total };
  const shares = [scripts.han, scripts.latin, scripts.other].sort((a, b) => b - a);
  const mixedScript = shares[1]! >= mixedScriptShare;
  const undetermined = { language: 'und' as const, mixedScript, scripts };
  if (mixedScript) return { ...undetermined, confidence: shares[0]! };
  if (scripts.han >= dominantShare) {
    return { language: 'zh', confidence: scripts.han, mixedScript, scripts };
  }
  if (scripts.latin < dominantShare) return { ...undetermined, confidence: shares[0]! };

  let english = 0;
  let foreign = 0;
  for (const word of latinWords) {
    if (englishFunctionWords.has(word)) english++;
    if (otherLatinFunctionWords.has(word)) foreign++;
  }
  const letters = count(normalised, latinLetter);
  const diacriticShare = letters === 0 ? 0 : count(normalised, nonAsciiLatin) / letters;
  if (foreign > english || (english === 0 && diacriticShare > 0.05)) {
    return { ...undetermined, confidence: scripts.latin };
  }
  // No function word at all ("great phone") is still most likely English in this product's
  // traffic, but with less confidence than a sentence that shows its grammar.
  const evidence = english === 0 ? 0.5 : Math.min(1, 0.6 + 0.1 * english);
  return { language: 'en', confidence: scripts.latin * evidence, mixedScript, scripts };
}

/**
 * Script-based language identification with stop-word evidence: Han script means Chinese;
 * Latin script means English unless function words or diacritics point to another language;
 * a text split between scripts, or in any other script, is 'und'.
 */
export function detectLanguage(text: string): LanguageGuess {
  return detectLanguageOfNormalised(normaliseText(text));
}
