/** Objective for minimisation: returns f(x) and writes ∇f(x) into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept (m in Nocedal & Wright); 5–20 is the usual range. */
  history?: number;
  maxIterations?: number;
  /** Stop when the largest gradient component falls below this. */
  gradientTolerance?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(a: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]!));
  return largest;
}

/**
 * Limited-memory BFGS with the two-loop recursion and a backtracking Armijo line search
 * (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithms 7.4 and 7.5, 3.1). Entirely
 * deterministic, so the same data always gives the same model bytes.
 */
export function minimiseLbfgs(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const history = options.history ?? 10;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-6;
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const alphas = new Float64Array(history);
  const direction = new Float64Array(n);
  let nextX = new Float64Array(n);
  let nextGradient = new Float64Array(n);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) < tolerance) return { x, value, iterations: iteration, converged: true };

    // Two-loop recursion: direction = -H·g with H the implicit inverse-Hessian approximation.
    direction.set(gradient);
    for (let i = steps.length - 1; i >= 0; i--) {
      const alpha = rhos[i]! * dot(steps[i]!, direction);
      alphas[i] = alpha;
      const change = changes[i]!;
      for (let j = 0; j < n; j++) direction[j]! -= alpha * change[j]!;
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const gamma = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
      for (let j = 0; j < n; j++) direction[j]! *= gamma;
    }
    for (let i = 0; i < steps.length; i++) {
      const beta = rhos[i]! * dot(changes[i]!, direction);
      const step = steps[i]!;
      for (let j = 0; j < n; j++) direction[j]! += step[j]! * (alphas[i]! - beta);
    }
    for (let j = 0; j < n; j++) direction[j] = -direction[j]!;

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      for (let j = 0; j < n; j++) direction[j] = -gradient[j]!;
      slope = dot(gradient, direction);
    }

    let stepSize =
      iteration === 0 && steps.length === 0 ? Math.min(1, 1 / Math.max(maxAbs(gradient), 1e-12)) : 1;
    let nextValue = Infinity;
    for (let attempt = 0; attempt < 40; attempt++) {
      for (let j = 0; j < n; j++) nextX[j] = x[j]! + stepSize * direction[j]!;
      nextValue = objective(nextX, nextGradient);
      if (nextValue <= value + 1e-4 * stepSize * slope) break;
      stepSize /= 2;
    }
    if (!(nextValue < value)) return { x, value, iterations: iteration, converged: true };

    const step = new Float64Array(n);
    const change = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      step[j] = nextX[j]! - x[j]!;
      change[j] = nextGradient[j]! - gradient[j]!;
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12) {
      if (steps.length === history) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
    }
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    const improvement = value - nextValue;
    value = nextValue;
    if (improvement < 1e-12 * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration + 1, converged: true };
    }
  }
  return { x, value, iterations: maxIterations, converged: false };
}
