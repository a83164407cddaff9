import type { SentimentAnalyzer } from 'natural';
import { natural } from '../text/natural.loader';
import {
  chineseIntensifiers,
  chineseNegators,
  chineseValence,
  englishIntensifiers,
  englishNegators,
} from './sentiment.lexicon';

export interface LexiconSentiment {
  /** Polarity in (−1, 1). */
  score: number;
  /** Unbounded sum of modified word valences (AFINN scale, −5..5 per word). */
  raw: number;
  /** Number of words found in the lexicon. */
  hits: number;
}

// VADER's normalisation x / sqrt(x² + α) with α = 15 (Hutto & Gilbert 2014) maps an unbounded
// valence sum into (−1, 1), close to linear for one or two words and saturating after that.
const normalisationAlpha = 15;
// VADER's negation scalar: a negated word keeps 74% of its strength with the opposite sign
// ("not good" is less negative than "bad"), better than a full flip in their human ratings.
const negationScalar = -0.74;
// How far back a negator reaches within a clause (VADER looks at the three preceding words).
const negationWindow = 3;
// "but" shifts weight to what follows it: ×0.5 before, ×1.5 after (VADER, Hutto & Gilbert 2014).
const beforeContrast = 0.5;
const afterContrast = 1.5;
// Each "!" (up to three) adds 0.292 in the direction of the sentiment (VADER's amplifier).
const exclamationBoost = 0.292;

const valenceCache = new Map<string, number>();
let afinn: SentimentAnalyzer | undefined;

/**
 * AFINN-165 valence of one English word through natural's SentimentAnalyzer (exact form first,
 * then its Porter stem); natural's own negation handling is bypassed by scoring single words,
 * because it flips every later word of the text, where a clause-bounded window is more accurate.
 */
function englishValence(word: string): number {
  let valence = valenceCache.get(word);
  if (valence === undefined) {
    afinn ??= new natural.SentimentAnalyzer('English', natural.PorterStemmer, 'afinn');
    valence = englishNegators.has(word) ? 0 : afinn.getSentiment([word]);
    if (valenceCache.size >= 50_000) valenceCache.clear();
    valenceCache.set(word, valence);
  }
  return valence;
}

function valenceOf(word: string): number {
  return chineseValence.get(word) ?? englishValence(word);
}

function intensityOf(word: string | undefined): number {
  if (word === undefined) return 0;
  return englishIntensifiers.get(word) ?? chineseIntensifiers.get(word) ?? 0;
}

function isNegator(word: string): boolean {
  return englishNegators.has(word) || chineseNegators.has(word);
}

/**
 * Lexicon sentiment of clause-split tokens, SO-CAL/VADER style: AFINN valences, scaled by a
 * preceding intensifier or downtoner, reversed by a negator up to three words back in the same
 * clause, re-weighted around "but", amplified by exclamation marks, then squashed into (−1, 1).
 */
export function scoreLexiconSentiment(
  clauses: readonly (readonly string[])[],
  exclamations = 0,
): LexiconSentiment {
  const contrastAt = clauses.findIndex((clause) => clause.includes('but') || clause.includes('但是'));
  let raw = 0;
  let hits = 0;
  clauses.forEach((clause, clauseIndex) => {
    const contrastInClause = clause.findIndex((word) => word === 'but' || word === '但是');
    clause.forEach((word, position) => {
      let valence = valenceOf(word);
      if (valence === 0) return;
      hits++;
      valence *= 1 + intensityOf(clause[position - 1]) + 0.5 * intensityOf(clause[position - 2]);
      for (let back = 1; back <= negationWindow && back <= position; back++) {
        if (isNegator(clause[position - back]!)) {
          valence *= negationScalar;
          break;
        }
      }
      if (contrastAt >= 0) {
        const after = clauseIndex > contrastAt || (clauseIndex === contrastAt && position > contrastInClause);
        valence *= after ? afterContrast : beforeContrast;
      }
      raw += valence;
    });
  });
  if (raw !== 0) raw += Math.sign(raw) * exclamationBoost * Math.min(exclamations, 3);
  return { score: raw / Math.sqrt(raw * raw + normalisationAlpha), raw, hits };
}
