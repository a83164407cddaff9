import { NlpError } from '../errors/nlp.error';
import { englishNegators } from '../sentiment/sentiment.lexicon';
import { isStopWord } from '../text/stop-words.lexicon';
import { stemToken } from '../text/token.stemmer';
import { clausesOfNormalised } from '../text/text.tokeniser';
import { normaliseText } from '../text/text.normaliser';

export interface Keyword {
  /** The words as written in the text (lower-cased), e.g. "battery life". */
  term: string;
  /** TF-IDF weight against the corpus seen so far. */
  score: number;
}

export const keywordIndexFormat = 'userops.nlp.keyword-index';
export const keywordIndexFormatVersion = 1;

export interface KeywordIndexState {
  format: typeof keywordIndexFormat;
  formatVersion: typeof keywordIndexFormatVersion;
  documents: number;
  /** Documents containing each candidate key (Porter stems, bigrams joined by a space). */
  documentFrequency: Record<string, number>;
}

export interface KeywordIndexOptions {
  /** Most distinct keys kept; past it the rarest are forgotten (a bounded vocabulary). */
  maxTerms?: number;
}

/** A candidate keyword in one text: its stem key, first surface form and count. */
export interface KeywordCandidate {
  key: string;
  surface: string;
  count: number;
  /** Stem keys of the words it is made of (one for a unigram, two for a bigram). */
  parts: string[];
}

const defaultMaxTerms = 200_000;
const hasLetter = /\p{L}/u;
const hanOnly = /^\p{Script=Han}+$/u;

function isContentWord(word: string): boolean {
  if (isStopWord(word) || englishNegators.has(word) || !hasLetter.test(word)) return false;
  // A single Han character is a morpheme more often than a topic ("太", "了"), and a single
  // Latin letter is noise: keywords are words of two characters or more in either script.
  return word.length >= 2;
}

/**
 * Keyword candidates of clause-split tokens: content words and pairs of adjacent content words,
 * the phrase boundaries being stop words and punctuation (as in RAKE, Rose et al. 2010).
 * Counted by stem, so "battery" and "batteries" are one keyword.
 */
export function keywordCandidates(clauses: readonly (readonly string[])[]): KeywordCandidate[] {
  const found = new Map<string, KeywordCandidate>();
  const add = (key: string, surface: string, parts: string[]) => {
    const existing = found.get(key);
    if (existing) existing.count++;
    else found.set(key, { key, surface, count: 1, parts });
  };
  for (const clause of clauses) {
    let previous: { word: string; stem: string } | undefined;
    for (const word of clause) {
      if (!isContentWord(word)) {
        previous = undefined;
        continue;
      }
      const stem = stemToken(word);
      add(stem, word, [stem]);
      if (previous) {
        // Chinese is written without spaces, so a Chinese phrase is shown joined ("客服态度").
        const separator = hanOnly.test(previous.word) && hanOnly.test(word) ? '' : ' ';
        add(`${previous.stem} ${stem}`, `${previous.word}${separator}${word}`, [previous.stem, stem]);
      }
      previous = { word, stem };
    }
  }
  return [...found.values()];
}

/**
 * TF-IDF keywords against a running corpus: each observed document updates the document
 * frequencies incrementally, so "slow" stops being a keyword once every text says it and a new
 * complaint stands out. Weighting as in the sentiment features, (1 + ln tf) · (ln((1+N)/(1+df)) + 1).
 * The state is plain JSON, for a service to persist and restore.
 */
export class KeywordIndex {
  private readonly documentFrequency: Map<string, number>;
  private documentCount: number;
  private readonly maxTerms: number;

  constructor(
    options: KeywordIndexOptions = {},
    state?: { documents: number; documentFrequency: Map<string, number> },
  ) {
    this.maxTerms = options.maxTerms ?? defaultMaxTerms;
    if (!Number.isInteger(this.maxTerms) || this.maxTerms < 1) {
      throw new NlpError('CONFIG_INVALID', `maxTerms must be a positive integer, got ${this.maxTerms}`);
    }
    this.documentFrequency = state?.documentFrequency ?? new Map();
    this.documentCount = state?.documents ?? 0;
  }

  static fromState(state: unknown, options: KeywordIndexOptions = {}): KeywordIndex {
    const candidate = state as Partial<KeywordIndexState> | null;
    if (
      typeof candidate !== 'object' ||
      candidate === null ||
      candidate.format !== keywordIndexFormat ||
      candidate.formatVersion !== keywordIndexFormatVersion ||
      !Number.isInteger(candidate.documents) ||
      typeof candidate.documentFrequency !== 'object' ||
      candidate.documentFrequency === null
    ) {
      throw new NlpError(
        'MODEL_INVALID',
        `keyword index state must be {format: "${keywordIndexFormat}", formatVersion: ${keywordIndexFormatVersion}, documents, documentFrequency}`,
      );
    }
    const documents = candidate.documents!;
    const frequencies = new Map<string, number>();
    for (const [key, frequency] of Object.entries(candidate.documentFrequency)) {
      if (!Number.isInteger(frequency) || frequency < 1 || frequency > documents) {
        throw new NlpError(
          'MODEL_INVALID',
          `keyword index: document frequency of "${key}" must be within 1..${documents}`,
        );
      }
      frequencies.set(key, frequency);
    }
    return new KeywordIndex(options, { documents, documentFrequency: frequencies });
  }

  get documents(): number {
    return this.documentCount;
  }

  get size(): number {
    return this.documentFrequency.size;
  }

  /** Counts one document's candidates into the corpus. */
  observe(candidates: readonly KeywordCandidate[]): void {
    this.documentCount++;
    for (const { key } of candidates)
      this.documentFrequency.set(key, (this.documentFrequency.get(key) ?? 0) + 1);
    if (this.documentFrequency.size > this.maxTerms) this.forgetRarest();
  }

  /** Normalises, tokenises and observes one text. */
  addDocument(text: string): void {
    this.observe(keywordCandidates(clausesOfNormalised(normaliseText(text))));
  }

  /** Best keywords of one text's candidates against this corpus (see rankKeywordCandidates). */
  rank(candidates: readonly KeywordCandidate[], limit = 5): Keyword[] {
    return rankKeywordCandidates(
      candidates,
      { documents: this.documentCount, documentFrequency: this.documentFrequency },
      limit,
    );
  }

  /** Keywords of a text against the corpus, without adding the text to it. */
  keywords(text: string, limit = 5): Keyword[] {
    return this.rank(keywordCandidates(clausesOfNormalised(normaliseText(text))), limit);
  }

  toState(): KeywordIndexState {
    const sorted = [...this.documentFrequency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      format: keywordIndexFormat,
      formatVersion: keywordIndexFormatVersion,
      documents: this.documentCount,
      documentFrequency: Object.fromEntries(sorted),
    };
  }

  /** Drops the rarest tenth of keys (see rarestKeysBeyond). */
  private forgetRarest(): void {
    for (const key of rarestKeysBeyond(this.documentFrequency, this.maxTerms))
      this.documentFrequency.delete(key);
  }
}

/**
 * Document counts of a corpus, as far as one text needs them: the corpus size and the document
 * frequency of that text's candidate keys (a key absent from the map was never seen). A service
 * that keeps its corpus elsewhere (Redis, shared by replicas) fetches just these and ranks here.
 */
export interface KeywordCorpusCounts {
  documents: number;
  documentFrequency: ReadonlyMap<string, number>;
}

/**
 * Best keywords of one text's candidates, highest TF-IDF first; a candidate whose words are all
 * inside better-ranked keywords is skipped ("battery" after "battery life").
 */
export function rankKeywordCandidates(
  candidates: readonly KeywordCandidate[],
  corpus: KeywordCorpusCounts,
  limit = 5,
): Keyword[] {
  const n = corpus.documents;
  const scored = candidates
    .map((candidate) => {
      const df = corpus.documentFrequency.get(candidate.key) ?? 0;
      const idf = Math.log((1 + n) / (1 + df)) + 1;
      return { candidate, score: (1 + Math.log(candidate.count)) * idf };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.candidate.parts.length - a.candidate.parts.length ||
        (a.candidate.surface < b.candidate.surface ? -1 : a.candidate.surface > b.candidate.surface ? 1 : 0),
    );
  const covered = new Set<string>();
  const chosen: Keyword[] = [];
  for (const { candidate, score } of scored) {
    if (chosen.length >= limit) break;
    if (candidate.parts.every((part) => covered.has(part))) continue;
    candidate.parts.forEach((part) => covered.add(part));
    chosen.push({ term: candidate.surface, score });
  }
  return chosen;
}

/**
 * Keys to forget when a vocabulary holds more than `maxTerms`: the rarest, down to 90% of it. A
 * forgotten key later looks rarer than it is (higher idf), which errs toward surfacing it: the
 * cheap, bounded trade-off of a frequency sketch.
 */
export function rarestKeysBeyond(
  documentFrequency: Iterable<readonly [string, number]>,
  maxTerms: number,
): string[] {
  const entries = [...documentFrequency];
  if (entries.length <= maxTerms) return [];
  const keep = Math.floor(maxTerms * 0.9);
  entries.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return entries.slice(0, entries.length - keep).map(([key]) => key);
}
