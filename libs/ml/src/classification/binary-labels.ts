import { invalidInput } from '../ml-error';

/** Checks that every label is 0 or 1 (true/false accepted) and returns them as 0/1 bytes. */
export function toBinaryLabels(labels: ArrayLike<number | boolean>, what = 'labels'): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1 || label === true) out[i] = 1;
    else if (label !== 0 && label !== false) {
      throw invalidInput(
        `${what}[${i}] is ${String(label)}; binary labels must be 0 or 1 (1 = the positive class, e.g. churned)`,
      );
    }
  }
  return out;
}
