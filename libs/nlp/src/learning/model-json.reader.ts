import { NlpError } from '../errors/nlp.error';

/**
 * Small checked readers for model JSON: a model file edited by hand or cut short must fail at
 * load time with the field's name, not later with NaN scores.
 */
export class ModelJsonReader {
  constructor(
    private readonly what: string,
    private readonly value: Record<string, unknown>,
  ) {}

  static of(what: string, value: unknown): ModelJsonReader {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new NlpError('MODEL_INVALID', `${what} must be a JSON object`);
    }
    return new ModelJsonReader(what, value as Record<string, unknown>);
  }

  private fail(field: string, expected: string): never {
    throw new NlpError('MODEL_INVALID', `${this.what}: field "${field}" must be ${expected}`, { field });
  }

  literal<T extends string | number>(field: string, expected: T): T {
    if (this.value[field] !== expected) this.fail(field, JSON.stringify(expected));
    return expected;
  }

  string(field: string): string {
    const value = this.value[field];
    if (typeof value !== 'string' || value === '') this.fail(field, 'a non-empty string');
    return value;
  }

  number(field: string): number {
    const value = this.value[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'a finite number');
    return value;
  }

  strings(field: string): string[] {
    const value = this.value[field];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      this.fail(field, 'an array of strings');
    }
    return value as string[];
  }

  numbers(field: string, length?: number): number[] {
    const value = this.value[field];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
      this.fail(field, 'an array of finite numbers');
    }
    if (length !== undefined && value.length !== length) this.fail(field, `an array of ${length} numbers`);
    return value as number[];
  }

  /** A rows × columns array of arrays of finite numbers. */
  numberRows(field: string, rows: number, columns: number): number[][] {
    const value = this.value[field];
    const valid =
      Array.isArray(value) &&
      value.length === rows &&
      value.every(
        (row) =>
          Array.isArray(row) &&
          row.length === columns &&
          row.every((item) => typeof item === 'number' && Number.isFinite(item)),
      );
    if (!valid) this.fail(field, `${rows} arrays of ${columns} finite numbers`);
    return value as number[][];
  }

  object(field: string): ModelJsonReader {
    return ModelJsonReader.of(`${this.what}.${field}`, this.value[field]);
  }

  raw(field: string): unknown {
    return this.value[field];
  }
}

/** Rounds to significant digits: model files stay small and diff well; 6 digits cost no accuracy. */
export function roundSignificant(value: number, digits = 6): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}
