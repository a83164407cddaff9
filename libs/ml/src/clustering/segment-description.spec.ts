import { describeSegment, quantileOfSorted, summarisePopulation } from './segment-description';

// recencyDays, orders90d, revenue: 8 users, one column per feature.
const population = summarisePopulation(
  [
    [1, 9, 900],
    [3, 6, 400],
    [5, 4, 250],
    [8, 3, 120],
    [15, 2, 80],
    [30, 1, 40],
    [60, 1, 20],
    [90, 0, 0],
  ],
  ['recencyDays', 'orders90d', 'revenue'],
);
const vocabulary = {
  recencyDays: { low: 'recent', high: 'lapsed' },
  orders90d: { high: 'frequent', low: 'rare' },
  revenue: { high: 'high spend', low: 'low spend' },
};

describe('describeSegment', () => {
  it('summarises the population with numpy-style quartiles', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(population[1]).toEqual({
      name: 'orders90d',
      mean: 3.25,
      std: Math.sqrt(63.5 / 8),
      p25: 1,
      p50: 2.5,
      p75: 4.5,
    });
  });

  it('names the traits outside the interquartile range, most distinctive first', () => {
    const champions = describeSegment([2, 8, 900], population, { vocabulary });
    expect(champions.phrase).toBe('high spend, frequent, recent');
    expect(champions.terms.map((t) => [t.feature, t.level])).toEqual([
      ['revenue', 'high'],
      ['orders90d', 'high'],
      ['recencyDays', 'low'],
    ]);
    expect(champions.terms[0]!.zScore).toBeCloseTo((900 - population[2]!.mean) / population[2]!.std, 12);

    expect(
      describeSegment({ recencyDays: 80, orders90d: 0.5, revenue: 10 }, population, { vocabulary }).phrase,
    ).toBe('lapsed, rare, low spend');
  });

  it('falls back to default words, honours exclusions and the term limit, and says when nothing stands out', () => {
    expect(describeSegment([2, 8, 900], population, { maxTerms: 1 }).phrase).toBe('high revenue');
    expect(describeSegment([2, 8, 900], population, { vocabulary, exclude: ['revenue'] }).phrase).toBe(
      'frequent, recent',
    );
    expect(describeSegment([10, 3, 150], population, { vocabulary, typical: 'everyday users' })).toEqual({
      phrase: 'everyday users',
      terms: [],
    });
  });

  it('explains a centroid that does not fit the summary', () => {
    expect(() => describeSegment([1, 2], population)).toThrow(
      'the centroid has 2 values but 3 features are summarised',
    );
    expect(() => describeSegment({ recencyDays: 1 }, population)).toThrow(
      'no finite value for feature "orders90d"',
    );
  });
});
