import { BanditError } from '../bandit.errors';
import type { Context } from './policy.types';

// Bound once: checkContext runs per feature per call, and global lookups are slow in Jest's vm sandbox.
const isFiniteNumber = Number.isFinite;

export function checkContext(context: Context, dimension: number): Context {
  if (!(context instanceof Float64Array) && !Array.isArray(context)) {
    throw new BanditError(
      'INVALID_CONTEXT',
      `context must be a Float64Array or an array of numbers, got ${typeof context}`,
    );
  }
  if (context.length !== dimension) {
    throw new BanditError(
      'CONTEXT_DIMENSION_MISMATCH',
      `context has ${context.length} features but the policy expects ${dimension}; build the context from the same feature list the policy was created with, or create a new policy for the new features`,
    );
  }
  for (let i = 0; i < dimension; i++) {
    const value = context[i];
    if (typeof value !== 'number' || !isFiniteNumber(value)) {
      throw new BanditError(
        'INVALID_CONTEXT',
        `context feature ${i} is ${String(value)}; every feature must be a finite number (impute missing values before deciding)`,
      );
    }
  }
  return context;
}

export function checkActions(actions: readonly string[]): readonly string[] {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw new BanditError(
      'INVALID_ACTIONS',
      'actions must be a non-empty array of action ids; configure at least one active action',
    );
  }
  const seen = new Set<string>();
  for (const action of actions) {
    if (typeof action !== 'string' || action.length === 0) {
      throw new BanditError(
        'INVALID_ACTIONS',
        `action ids must be non-empty strings, got ${JSON.stringify(action)}`,
      );
    }
    if (seen.has(action))
      throw new BanditError(
        'INVALID_ACTIONS',
        `action "${action}" is listed twice; pass each action id once`,
      );
    seen.add(action);
  }
  return actions;
}

export function checkReward(reward: number): number {
  if (typeof reward !== 'number' || !Number.isFinite(reward)) {
    throw new BanditError('INVALID_REWARD', `reward must be a finite number, got ${String(reward)}`);
  }
  return reward;
}

export function checkParameter(
  name: string,
  value: number,
  isValid: (value: number) => boolean,
  expected: string,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !isValid(value)) {
    throw new BanditError('INVALID_PARAMETER', `${name} must be ${expected}, got ${String(value)}`);
  }
  return value;
}
