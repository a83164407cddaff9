import { BanditError } from '../bandit.errors';
import {
  addOuterProduct,
  dot,
  multiplyMatrixVector,
  quadraticForm,
  scaledIdentity,
  shermanMorrisonUpdate,
  type Vector,
} from '../linalg/dense-matrix.math';
import { choleskyLower } from '../linalg/factorisation.math';
import type { LinearArmState } from './policy.types';

/**
 * One action's ridge regression of reward on context (the "disjoint" model of Li et al. 2010,
 * §3.1): A = λI + Σ x xᵀ, b = Σ r x, θ = A⁻¹b. A⁻¹ is kept by Sherman–Morrison rank-1 updates so
 * scoring and learning are O(d²). A itself is kept too: it is an exact running sum that cannot
 * drift, and its Cholesky factor is what Thompson sampling draws with.
 */
export class LinearArm {
  private thetaCache: Float64Array | undefined;
  private choleskyCache: Float64Array | undefined;

  private constructor(
    readonly dimension: number,
    readonly a: Float64Array,
    readonly aInverse: Float64Array,
    readonly b: Float64Array,
    private updateCount: number,
  ) {}

  static prior(dimension: number, lambda: number): LinearArm {
    return new LinearArm(
      dimension,
      scaledIdentity(dimension, lambda),
      scaledIdentity(dimension, 1 / lambda),
      new Float64Array(dimension),
      0,
    );
  }

  static fromState(state: LinearArmState, dimension: number, actionId: string): LinearArm {
    const field = (name: keyof LinearArmState, length: number): Float64Array => {
      const value: unknown = state?.[name];
      if (
        !Array.isArray(value) ||
        value.length !== length ||
        !value.every((n) => typeof n === 'number' && Number.isFinite(n))
      ) {
        throw new BanditError(
          'INVALID_STATE',
          `state of action "${actionId}": "${name}" must be an array of ${length} finite numbers for dimension ${dimension}; restore from a snapshot written by toState()`,
        );
      }
      return Float64Array.from(value as number[]);
    };
    const updates: unknown = state?.updates;
    if (typeof updates !== 'number' || !Number.isInteger(updates) || updates < 0) {
      throw new BanditError(
        'INVALID_STATE',
        `state of action "${actionId}": "updates" must be a non-negative integer, got ${String(updates)}`,
      );
    }
    const squared = dimension * dimension;
    return new LinearArm(
      dimension,
      field('a', squared),
      field('aInverse', squared),
      field('b', dimension),
      updates,
    );
  }

  get updates(): number {
    return this.updateCount;
  }

  /** Ridge estimate θ = A⁻¹b, recomputed only after an update. */
  theta(): Float64Array {
    if (!this.thetaCache) {
      this.thetaCache = multiplyMatrixVector(
        this.aInverse,
        this.b,
        this.dimension,
        new Float64Array(this.dimension),
      );
    }
    return this.thetaCache;
  }

  expectedReward(x: Vector): number {
    return dot(this.theta(), x, this.dimension);
  }

  /** xᵀA⁻¹x: the variance factor of the estimate θᵀx, the width of LinUCB's bound. */
  uncertainty(x: Vector): number {
    return Math.max(0, quadraticForm(this.aInverse, x, this.dimension));
  }

  /** Lower Cholesky factor of A, recomputed only after an update. */
  choleskyOfA(): Float64Array {
    if (!this.choleskyCache) this.choleskyCache = choleskyLower(this.a, this.dimension);
    return this.choleskyCache;
  }

  /** θᵢ·xᵢ per feature. */
  contributions(x: Vector): number[] {
    const theta = this.theta();
    const out = new Array<number>(this.dimension);
    for (let i = 0; i < this.dimension; i++) out[i] = theta[i]! * x[i]!;
    return out;
  }

  update(x: Vector, reward: number, scratch: Float64Array): void {
    addOuterProduct(this.a, x, this.dimension);
    shermanMorrisonUpdate(this.aInverse, x, this.dimension, scratch);
    for (let i = 0; i < this.dimension; i++) this.b[i]! += reward * x[i]!;
    this.updateCount++;
    this.thetaCache = undefined;
    this.choleskyCache = undefined;
  }

  toState(): LinearArmState {
    return {
      a: Array.from(this.a),
      aInverse: Array.from(this.aInverse),
      b: Array.from(this.b),
      updates: this.updateCount,
    };
  }
}
