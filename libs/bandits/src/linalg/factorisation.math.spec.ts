import fc from 'fast-check';
import { addOuterProduct, scaledIdentity } from './dense-matrix.math';
import { choleskyLower, invertGaussJordan, solveTransposedLower } from './factorisation.math';

function multiply(left: Float64Array, right: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      for (let k = 0; k < d; k++) out[i * d + j]! += left[i * d + k]! * right[k * d + j]!;
  return out;
}

function transpose(matrix: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[j * d + i] = matrix[i * d + j]!;
  return out;
}

/** Random symmetric positive definite matrices λI + Σ x xᵀ, the shape bandits produce. */
const spdMatrix = fc.integer({ min: 1, max: 6 }).chain((d) =>
  fc
    .tuple(
      fc.double({ min: 0.1, max: 5, noNaN: true }),
      fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d }), {
        maxLength: 20,
      }),
    )
    .map(([lambda, xs]) => {
      const matrix = scaledIdentity(d, lambda);
      for (const x of xs) addOuterProduct(matrix, x, d);
      return { d, matrix };
    }),
);

describe('invertGaussJordan', () => {
  it('returns M⁻¹ with M·M⁻¹ = I', () => {
    fc.assert(
      fc.property(spdMatrix, ({ d, matrix }) => {
        const product = multiply(matrix, invertGaussJordan(matrix, d), d);
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) expect(product[i * d + j]).toBeCloseTo(i === j ? 1 : 0, 8);
      }),
    );
  });

  it('inverts a known matrix exactly and refuses a singular one', () => {
    expect(Array.from(invertGaussJordan(Float64Array.of(4, 7, 2, 6), 2))).toEqual(
      [0.6, -0.7, -0.2, 0.4].map((v) => expect.closeTo(v, 12)),
    );
    expect(() => invertGaussJordan(Float64Array.of(1, 2, 2, 4), 2)).toThrow(/singular/);
  });
});

describe('choleskyLower', () => {
  it('factorises M = L Lᵀ with L lower triangular', () => {
    fc.assert(
      fc.property(spdMatrix, ({ d, matrix }) => {
        const lower = choleskyLower(matrix, d);
        for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) expect(lower[i * d + j]).toBe(0);
        const product = multiply(lower, transpose(lower, d), d);
        for (let i = 0; i < d * d; i++) expect(product[i]).toBeCloseTo(matrix[i]!, 8);
      }),
    );
  });

  it('solves Lᵀ y = z', () => {
    const lower = choleskyLower(Float64Array.of(4, 2, 2, 3), 2); // L = [[2, 0], [1, √2]]
    const y = solveTransposedLower(lower, [4, Math.SQRT2], 2, new Float64Array(2));
    expect(y[1]).toBeCloseTo(1, 12);
    expect(y[0]).toBeCloseTo(1.5, 12);
  });

  it('rejects a matrix that is not positive definite, saying what to do', () => {
    expect(() => choleskyLower(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/not positive definite.*lambda > 0/);
  });
});
