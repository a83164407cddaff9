import { buildContextVector } from './context-vector';

describe('buildContextVector', () => {
  const profile = { features: { recency: 3, frequency: 7 }, segments: { rfm: 'At Risk', kmeans: 'k2' } };

  it('takes features and one-hot segments from the projection, in the configured order', () => {
    expect(
      buildContextVector(
        ['frequency', 'segment:rfm=At Risk', 'segment:rfm=Champions', 'segment:kmeans=k2', 'recency'],
        profile,
      ),
    ).toEqual([7, 1, 0, 1, 3]);
  });

  it('lets caller context override and extend the projection; anything missing is 0', () => {
    expect(
      buildContextVector(['recency', 'cartValue', 'unknown'], profile, { recency: 0.5, cartValue: 42 }),
    ).toEqual([0.5, 42, 0]);
  });

  it('works from caller context alone when the user has no projection', () => {
    expect(buildContextVector(['bias', 'x', 'segment:rfm=At Risk'], undefined, { bias: 1, x: 2 })).toEqual([
      1, 2, 0,
    ]);
  });

  it('reads `sentiment` from the insight projection, caller context first, 0 when never analysed', () => {
    const user = { ...profile, sentiment: -0.4 };
    expect(buildContextVector(['sentiment', 'recency'], user)).toEqual([-0.4, 3]);
    expect(buildContextVector(['sentiment'], user, { sentiment: 0.9 })).toEqual([0.9]);
    expect(buildContextVector(['sentiment', 'segment:rfm=At Risk'], profile)).toEqual([0, 1]);
  });
});
