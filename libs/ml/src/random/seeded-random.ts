/**
 * Seeded pseudo-random numbers so that every fit, split and sample in libs/ml is reproducible from its seed.
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, PractRand-clean, 128-bit state), seeded
 * through splitmix32 so that nearby seeds (1, 2, 3...) give unrelated streams.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, bound). */
  nextInt(bound: number): number;
  /** Standard normal (Box–Muller). */
  nextGaussian(): number;
  /** An independent generator derived from this one, e.g. one per k-means restart. */
  fork(): SeededRandom;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): SeededRandom {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  const mix = splitmix32(Math.floor(seed) ^ Math.floor(seed / 0x100000000));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let warmUp = 0; warmUp < 12; warmUp++) nextUint32();

  let spareGaussian: number | undefined;
  const random: SeededRandom = {
    next: () => nextUint32() / 0x100000000,
    nextInt: (bound) => Math.floor((nextUint32() / 0x100000000) * bound),
    nextGaussian: () => {
      if (spareGaussian !== undefined) {
        const value = spareGaussian;
        spareGaussian = undefined;
        return value;
      }
      let u = 0;
      while (u === 0) u = random.next();
      const v = random.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareGaussian = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    fork: () => createRandom(nextUint32() * 0x100000 + (nextUint32() >>> 12)),
  };
  return random;
}

/** Fisher–Yates shuffle of 0..n-1. */
export function shuffledIndices(n: number, random: SeededRandom): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const held = order[i]!;
    order[i] = order[j]!;
    order[j] = held;
  }
  return order;
}

/** `count` distinct indices from 0..n-1 (partial Fisher–Yates: O(n) memory, O(count) swaps). */
export function sampleIndices(n: number, count: number, random: SeededRandom): Int32Array {
  const take = Math.min(count, n);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < take; i++) {
    const j = i + random.nextInt(n - i);
    const held = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = held;
  }
  return pool.slice(0, take);
}
