import { BanditError } from '../bandit.errors';
import type { PolicyKind } from './policy.types';

/** Checks the fields every policy state shares; returns dimension and version. */
export function checkStateHeader(
  state: unknown,
  kind: PolicyKind,
): { dimension: number; version: number; params: Record<string, unknown> } {
  if (typeof state !== 'object' || state === null) {
    throw new BanditError(
      'INVALID_STATE',
      `policy state must be an object written by toState(), got ${state === null ? 'null' : typeof state}`,
    );
  }
  const record = state as Record<string, unknown>;
  if (record.formatVersion !== 1) {
    throw new BanditError(
      'INVALID_STATE',
      `policy state formatVersion must be 1, got ${String(record.formatVersion)}; it was written by an incompatible version of @userops/bandits`,
    );
  }
  if (record.kind !== kind) {
    throw new BanditError(
      'INVALID_STATE',
      `policy state is of kind "${String(record.kind)}", expected "${kind}"; restore it with restorePolicy() to dispatch on its kind`,
    );
  }
  const { dimension, version, params } = record;
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) {
    throw new BanditError(
      'INVALID_STATE',
      `policy state "dimension" must be a positive integer, got ${String(dimension)}`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new BanditError(
      'INVALID_STATE',
      `policy state "version" must be a non-negative integer, got ${String(version)}`,
    );
  }
  if (typeof params !== 'object' || params === null) {
    throw new BanditError('INVALID_STATE', 'policy state "params" must be an object');
  }
  return { dimension, version, params: params as Record<string, unknown> };
}

/** Stored parameters are never defaulted: a missing one means the snapshot is not ours. */
export function requireNumericParams(
  params: Record<string, unknown>,
  names: readonly string[],
  kind: PolicyKind,
): void {
  for (const name of names) {
    const value = params[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BanditError(
        'INVALID_STATE',
        `${kind} policy state is missing numeric parameter "${name}" (got ${String(value)})`,
      );
    }
  }
}
