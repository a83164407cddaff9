import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NlpError } from '../errors/nlp.error';
import { shuffled } from '../learning/seeded.random';
import type { LabelledSentence, SentimentSplit } from './uci-dataset.loader';
import { readUciSentimentFile, splitSentences } from './uci-dataset.loader';

/**
 * libs/nlp/data/support-sentiment.txt: support-ticket, complaint and churn-intent sentences written
 * by hand for userops (see libs/nlp/data/SOURCE.md), in the UCI format. UCI review sentences
 * rarely read like tickets ("still waiting for my refund"), so the model also learns from these.
 */
export const supportSentimentPath = resolve(__dirname, '..', '..', 'data', 'support-sentiment.txt');

/**
 * libs/nlp/data/support-neutral.txt: hand-written neutral support text (how-to questions, routine
 * requests), one sentence per line. Binary labels cannot say "neither"; trained towards a score of
 * 0, these keep "How do I ..." from turning negative just because complaints ask questions too.
 */
export const supportNeutralPath = resolve(__dirname, '..', '..', 'data', 'support-neutral.txt');

/** A sentence that is neither positive nor negative. */
export interface NeutralSentence {
  text: string;
  source: string;
}

/** Source name of the support sentences, so splits and CV folds stratify them apart from UCI. */
export const supportSource = 'support';

/**
 * The fixed split of the support set. 30% is held out (more than UCI's 20%) because the set is
 * small and the held-out figure is the one that says whether complaints score negative.
 */
export const supportSplit = { seed: 20261204, testShare: 0.3 } as const;

export function loadSupportSentiment(path: string = supportSentimentPath): LabelledSentence[] {
  return readUciSentimentFile(path, supportSource);
}

/** The support set's fixed split, stratified by label; the shipped model never saw `test`. */
export function supportTestSplit(path?: string): SentimentSplit {
  return splitSentences(loadSupportSentiment(path), supportSplit.testShare, supportSplit.seed);
}

export function loadSupportNeutral(path: string = supportNeutralPath): NeutralSentence[] {
  if (!existsSync(path))
    throw new NlpError('DATA_NOT_FOUND', `no neutral sentence file at ${path}`, { path });
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, '').trim())
    .filter((line) => line !== '')
    .map((text) => ({ text, source: supportSource }));
}

/**
 * The neutral sentences' fixed split, with the support set's seed and share: sorted by text, then
 * shuffled, so it does not depend on line order.
 */
export function supportNeutralSplit(path?: string): { train: NeutralSentence[]; test: NeutralSentence[] } {
  const sentences = loadSupportNeutral(path).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const members = shuffled(sentences, supportSplit.seed);
  const testCount = Math.round(members.length * supportSplit.testShare);
  return { train: members.slice(testCount), test: members.slice(0, testCount) };
}
