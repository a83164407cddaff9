import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NlpError } from '../errors/nlp.error';
import { shuffled } from '../learning/seeded.random';

/** One sentence of the UCI "Sentiment Labelled Sentences" data (Kotzias et al., KDD 2015). */
export interface LabelledSentence {
  text: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
  /** Where it came from: a domain name ("amazon", "yelp") or a file path. */
  source: string;
}

export const uciSentimentFiles = { amazon: 'amazon_cells_labelled.txt', yelp: 'yelp_labelled.txt' } as const;
export type UciDomain = keyof typeof uciSentimentFiles;

export const sentimentDataEnvVariable = 'USEROPS_SENTIMENT_DATA';

/**
 * Parses the UCI format: one `sentence<TAB>label` per line, label 0 or 1, no header. Quotes are
 * literal text (the dataset's SOURCE.md), so this splits on newline and the last tab only.
 */
export function parseUciSentiment(content: string, source: string): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  content.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    const tab = line.lastIndexOf('\t');
    const label = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (label !== '0' && label !== '1') {
      throw new NlpError(
        'DATA_INVALID',
        `${source}:${index + 1}: expected "sentence<TAB>0" or "sentence<TAB>1", got ${JSON.stringify(line.slice(0, 80))}`,
        { source, line: index + 1 },
      );
    }
    sentences.push({ text: line.slice(0, tab), label: label === '1' ? 1 : 0, source });
  });
  return sentences;
}

export function readUciSentimentFile(path: string, source = path): LabelledSentence[] {
  if (!existsSync(path))
    throw new NlpError('DATA_NOT_FOUND', `no labelled sentence file at ${path}`, { path });
  return parseUciSentiment(readFileSync(path, 'utf8'), source);
}

function ancestors(start: string): string[] {
  const found: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    found.push(dir);
    if (dirname(dir) === dir) return found;
  }
}

/**
 * Finds the UCI data folder: an explicit path, else $USEROPS_SENTIMENT_DATA, else
 * `shared/data/sentiment` beside any ancestor of this file or of the working directory. CI keeps
 * shared/ next to the repository (`<repo>/../shared`), so the walk finds it from anywhere inside.
 */
export function locateSentimentData(explicitDir?: string): string {
  const hasFiles = (dir: string) =>
    Object.values(uciSentimentFiles).every((file) => existsSync(join(dir, file)));
  const fromEnv = process.env[sentimentDataEnvVariable];
  const requested = explicitDir ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
  if (requested !== undefined) {
    if (hasFiles(requested)) return resolve(requested);
    throw new NlpError(
      'DATA_NOT_FOUND',
      `${requested} does not hold ${Object.values(uciSentimentFiles).join(' and ')}` +
        (explicitDir === undefined ? ` (from $${sentimentDataEnvVariable})` : ''),
      { path: requested },
    );
  }
  const tried = [...new Set([...ancestors(__dirname), ...ancestors(process.cwd())])].map((dir) =>
    join(dir, 'shared', 'data', 'sentiment'),
  );
  const found = tried.find(hasFiles);
  if (found !== undefined) return found;
  throw new NlpError(
    'DATA_NOT_FOUND',
    `UCI sentiment data not found; set $${sentimentDataEnvVariable} to the folder holding ` +
      `${Object.values(uciSentimentFiles).join(' and ')} (tried ${tried.length} places, e.g. ${tried[0]})`,
    { tried },
  );
}

export function loadUciSentiment(explicitDir?: string): Record<UciDomain, LabelledSentence[]> {
  const dir = locateSentimentData(explicitDir);
  return {
    amazon: readUciSentimentFile(join(dir, uciSentimentFiles.amazon), 'amazon'),
    yelp: readUciSentimentFile(join(dir, uciSentimentFiles.yelp), 'yelp'),
  };
}

export interface SentimentSplit {
  train: LabelledSentence[];
  test: LabelledSentence[];
}

/** The fixed split every figure in this library refers to. */
export const sentimentSplit = { seed: 20150810, testShare: 0.2 } as const;

/**
 * Seeded split, stratified by source and label so the test set keeps the 50/50 balance and the
 * Amazon/Yelp mix of the whole. Each stratum is sorted by text before the seeded shuffle, so the
 * same sentences give the same split whatever order the files list them in.
 */
export function splitSentences(
  sentences: readonly LabelledSentence[],
  testShare: number = sentimentSplit.testShare,
  seed: number = sentimentSplit.seed,
): SentimentSplit {
  const strata = new Map<string, LabelledSentence[]>();
  for (const sentence of sentences) {
    const key = `${sentence.source}\u0000${sentence.label}`;
    const stratum = strata.get(key);
    if (stratum) stratum.push(sentence);
    else strata.set(key, [sentence]);
  }
  const train: LabelledSentence[] = [];
  const test: LabelledSentence[] = [];
  [...strata.keys()].sort().forEach((key, index) => {
    const members = shuffled(
      strata.get(key)!.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
      seed + index,
    );
    const testCount = Math.round(members.length * testShare);
    test.push(...members.slice(0, testCount));
    train.push(...members.slice(testCount));
  });
  return { train, test };
}
