import { NlpError } from '../errors/nlp.error';
import { TfidfVectoriser } from './tfidf.vectoriser';

describe('TfidfVectoriser', () => {
  const documents = [
    ['slow', 'app'],
    ['slow', 'delivery'],
    ['great', 'app', 'app'],
  ];

  it('uses smoothed idf ln((1+N)/(1+df)) + 1', () => {
    const vectoriser = TfidfVectoriser.fit(documents);
    const idf = (term: string) => vectoriser.idf[vectoriser.columnOfTerm(term)!]!;
    expect(idf('slow')).toBeCloseTo(Math.log(4 / 3) + 1, 12);
    expect(idf('great')).toBeCloseTo(Math.log(4 / 2) + 1, 12);
  });

  it('produces unit-length rows with sublinear term frequency and ignores unknown terms', () => {
    const vectoriser = TfidfVectoriser.fit(documents);
    const vector = vectoriser.transform(['app', 'app', 'great', 'unknown']);
    const norm = Math.hypot(...vector.values);
    expect(norm).toBeCloseTo(1, 12);
    const appIdf = vectoriser.idf[vectoriser.columnOfTerm('app')!]!;
    const greatIdf = vectoriser.idf[vectoriser.columnOfTerm('great')!]!;
    const app = vector.values[[...vector.indices].indexOf(vectoriser.columnOfTerm('app')!)]!;
    const great = vector.values[[...vector.indices].indexOf(vectoriser.columnOfTerm('great')!)]!;
    expect(app / great).toBeCloseTo(((1 + Math.log(2)) * appIdf) / greatIdf, 12);
  });

  it('drops terms below the minimum document frequency', () => {
    expect(TfidfVectoriser.fit(documents, { minDocumentFrequency: 2 }).terms).toEqual(['app', 'slow']);
  });

  it('round-trips through its state and rejects inconsistent state', () => {
    const vectoriser = TfidfVectoriser.fit(documents);
    const restored = TfidfVectoriser.fromState(vectoriser.toState());
    expect(restored.transform(['slow', 'app'])).toEqual(vectoriser.transform(['slow', 'app']));
    expect(() => TfidfVectoriser.fromState({ terms: ['a'], idf: [] })).toThrow(NlpError);
  });
});
