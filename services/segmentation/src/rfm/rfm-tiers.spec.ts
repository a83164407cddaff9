import {
  assignRfm,
  quantile,
  quintileCuts,
  rfmTiers,
  scoreHigherBetter,
  scoreLowerBetter,
  type Score,
  tierOf,
} from './rfm-tiers';

describe('RFM quintiles and the R × F grid', () => {
  it('interpolates percentiles linearly', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    quintileCuts([5, 4, 3, 2, 1, 6, 7, 8, 9, 10]).forEach((cut, i) =>
      expect(cut).toBeCloseTo([2.8, 4.6, 6.4, 8.2][i]!, 10),
    );
    expect(quintileCuts([])).toEqual([0, 0, 0, 0]);
  });

  it('scores each quintile 1–5 and puts a value equal to a cut in the lower bin', () => {
    const cuts = [10, 20, 30, 40] as const;
    expect([5, 10, 15, 25, 35, 45].map((v) => scoreHigherBetter(v, cuts))).toEqual([1, 1, 2, 3, 4, 5]);
    expect([5, 10, 15, 25, 35, 45].map((v) => scoreLowerBetter(v, cuts))).toEqual([5, 5, 4, 3, 2, 1]);
    // Ties: zero orders score F 1, the most recent users score R 5.
    expect(scoreHigherBetter(0, [0, 0, 0, 3])).toBe(1);
    expect(scoreLowerBetter(0, [0, 0, 0, 120])).toBe(5);
  });

  it('maps the R × F grid to the named tiers', () => {
    const grid: string[] = [];
    for (let r = 5; r >= 1; r--) {
      const row: string[] = [];
      for (let f = 1; f <= 5; f++) row.push(tierOf(r as Score, f as Score));
      grid.push(row.join(' '));
    }
    expect(grid).toEqual([
      'new potential-loyalists potential-loyalists champions champions',
      'promising potential-loyalists potential-loyalists loyal loyal',
      'hibernating hibernating need-attention loyal loyal',
      'hibernating hibernating at-risk at-risk cannot-lose',
      'lost lost at-risk at-risk cannot-lose',
    ]);
    const reached = new Set(grid.flatMap((row) => row.split(' ')));
    expect([...reached].sort()).toEqual([...rfmTiers].sort());
  });

  it('assigns planted customers to the expected tiers against a population', () => {
    const cuts = {
      recency: quintileCuts([0, 0, 0, 1, 2, 5, 30, 60, 90, 200]),
      frequency: quintileCuts([0, 0, 0, 1, 1, 2, 3, 5, 8, 12]),
      monetary: quintileCuts([0, 0, 0, 10, 10, 50, 80, 200, 400, 900]),
    };
    expect(assignRfm({ recency: 0, frequency: 12, monetary: 900 }, cuts)).toEqual({
      r: 5,
      f: 5,
      m: 5,
      tier: 'champions',
    });
    expect(assignRfm({ recency: 0, frequency: 0, monetary: 0 }, cuts).tier).toBe('new');
    expect(assignRfm({ recency: 200, frequency: 0, monetary: 0 }, cuts).tier).toBe('lost');
    expect(assignRfm({ recency: 200, frequency: 12, monetary: 900 }, cuts).tier).toBe('cannot-lose');
  });
});
