import { finalReward, rewardOf } from './reward-aggregation';

describe('reward aggregation', () => {
  it('applies the default reward when no reward arrived in the window', () => {
    expect(finalReward('sum', { count: 0, total: 0, first: null }, -0.5)).toBe(-0.5);
    expect(finalReward('earliest', { count: 0, total: 0, first: null }, 0)).toBe(0);
  });

  it('sums every joined reward, or keeps only the earliest', () => {
    const joined = { count: 3, total: 2.5, first: 0.5 };
    expect(finalReward('sum', joined, 0)).toBe(2.5);
    expect(finalReward('earliest', joined, 0)).toBe(0.5);
  });

  it('reads properties.reward, defaulting to 1 for a non-number', () => {
    expect(rewardOf({ reward: 0.25 })).toBe(0.25);
    expect(rewardOf({ reward: '3' })).toBe(1);
    expect(rewardOf(undefined)).toBe(1);
    expect(rewardOf({ reward: Number.NaN })).toBe(1);
  });
});
