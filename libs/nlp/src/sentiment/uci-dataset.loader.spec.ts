import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NlpError } from '../errors/nlp.error';
import type { LabelledSentence } from './uci-dataset.loader';
import {
  locateSentimentData,
  parseUciSentiment,
  sentimentDataEnvVariable,
  splitSentences,
  uciSentimentFiles,
} from './uci-dataset.loader';

describe('parseUciSentiment', () => {
  it('splits on newline and the last tab and keeps quotes as literal text', () => {
    const content = 'Wow... "Loved" this place.\t1\r\nCrust, is not good.\t0\n\n';
    expect(parseUciSentiment(content, 'test')).toEqual([
      { text: 'Wow... "Loved" this place.', label: 1, source: 'test' },
      { text: 'Crust, is not good.', label: 0, source: 'test' },
    ]);
  });

  it('names the file and line of a malformed row', () => {
    expect(() => parseUciSentiment('fine\t1\nno label here\n', 'reviews.txt')).toThrow(/reviews\.txt:2/);
    expect(() => parseUciSentiment('bad label\t2', 'x')).toThrow(NlpError);
  });
});

describe('splitSentences', () => {
  const sentences: LabelledSentence[] = Array.from({ length: 200 }, (_, index) => ({
    text: `sentence ${index}`,
    label: index % 2 === 0 ? 1 : 0,
    source: index < 100 ? 'amazon' : 'yelp',
  }));

  it('is deterministic, disjoint and complete', () => {
    const first = splitSentences(sentences);
    const second = splitSentences([...sentences].reverse());
    expect(first.test.map((s) => s.text).sort()).toEqual(second.test.map((s) => s.text).sort());
    const seen = new Set([...first.train, ...first.test].map((s) => s.text));
    expect(seen.size).toBe(200);
    expect(first.test).toHaveLength(40);
  });

  it('keeps the label balance and source mix of the whole in the test split', () => {
    const { test } = splitSentences(sentences);
    expect(test.filter((s) => s.label === 1)).toHaveLength(20);
    expect(test.filter((s) => s.source === 'yelp')).toHaveLength(20);
  });

  it('gives a different split for a different seed', () => {
    const a = splitSentences(sentences, 0.2, 1).test.map((s) => s.text);
    const b = splitSentences(sentences, 0.2, 2).test.map((s) => s.text);
    expect(a).not.toEqual(b);
  });
});

describe('locateSentimentData', () => {
  const saved = process.env[sentimentDataEnvVariable];
  afterEach(() => {
    if (saved === undefined) delete process.env[sentimentDataEnvVariable];
    else process.env[sentimentDataEnvVariable] = saved;
  });

  function fakeDataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'uci-'));
    for (const file of Object.values(uciSentimentFiles)) writeFileSync(join(dir, file), 'ok\t1\n');
    return dir;
  }

  it('prefers an explicit folder, then the environment variable', () => {
    const explicit = fakeDataDir();
    const fromEnv = fakeDataDir();
    process.env[sentimentDataEnvVariable] = fromEnv;
    expect(locateSentimentData(explicit)).toBe(explicit);
    expect(locateSentimentData()).toBe(fromEnv);
  });

  it('fails with DATA_NOT_FOUND naming the variable when the given folder lacks the files', () => {
    process.env[sentimentDataEnvVariable] = tmpdir();
    expect(() => locateSentimentData()).toThrow(new RegExp(`\\$${sentimentDataEnvVariable}`));
  });

  it('finds shared/data/sentiment beside the repository without configuration', () => {
    delete process.env[sentimentDataEnvVariable];
    expect(locateSentimentData()).toMatch(/shared[/\\]data[/\\]sentiment$/);
  });
});
