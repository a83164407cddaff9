import { parseWith } from '@userops/contracts';
import { addExamplesBody, maxExamplesPerRequest, versionParam } from './topic-admin.schemas';

const body = addExamplesBody(64);
const problemsOf = (input: unknown) => {
  const outcome = parseWith(body, input);
  return outcome.ok ? [] : outcome.problems;
};

describe('the add-examples body', () => {
  it('accepts kebab-case labels, new ones included', () => {
    const outcome = parseWith(body, {
      examples: [{ text: 'Charged twice', labels: ['billing-dispute', 'pricing'] }],
    });
    expect(outcome).toEqual({
      ok: true,
      value: { examples: [{ text: 'Charged twice', labels: ['billing-dispute', 'pricing'] }] },
    });
  });

  it('refuses texts the analyser would refuse, with the guard reason', () => {
    expect(problemsOf({ examples: [{ text: 'x'.repeat(65), labels: ['bug'] }] })).toEqual([
      { path: 'examples[0].text', message: 'text is at least 65 bytes, over the limit of 64' },
    ]);
    expect(
      problemsOf({ examples: [{ text: '\u0000\u0001\u0002abc', labels: ['bug'] }] })[0]?.message,
    ).toMatch(/binary data/);
  });

  it('refuses repeated labels, too many labels and too many examples', () => {
    expect(problemsOf({ examples: [{ text: 'Slow', labels: ['bug', 'bug'] }] })).toEqual([
      { path: 'examples[0].labels', message: 'must not repeat a label' },
    ]);
    expect(
      problemsOf({ examples: [{ text: 'Slow', labels: ['a', 'b', 'c', 'd', 'e', 'f'] }] })[0]?.message,
    ).toBe('may name at most 5 labels');
    const many = Array.from({ length: maxExamplesPerRequest + 1 }, () => ({ text: 'Slow', labels: ['bug'] }));
    expect(problemsOf({ examples: many })).toEqual([
      { path: 'examples', message: `may hold at most ${maxExamplesPerRequest} examples per request` },
    ]);
  });
});

describe('the version parameter', () => {
  it('reads 0 as the shipped model and refuses anything but digits', () => {
    expect(parseWith(versionParam, { version: '0' })).toEqual({ ok: true, value: { version: 0 } });
    expect(parseWith(versionParam, { version: '12' })).toEqual({ ok: true, value: { version: 12 } });
    expect(parseWith(versionParam, { version: '-1' }).ok).toBe(false);
    expect(parseWith(versionParam, { version: '1e3' }).ok).toBe(false);
  });
});
