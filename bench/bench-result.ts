import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** Shape of bench-results/<file>.json, as ../shared/BENCHMARKS.md describes it. */
export interface BenchResult {
  name: string;
  params: Record<string, unknown>;
  unit: string;
  ours: Record<string, unknown>;
  peers: Record<string, Record<string, unknown>>;
  ratio: Record<string, number>;
  target?: Record<string, number>;
  machine?: Record<string, unknown>;
}

export function summarise(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Writes one result file under bench-results/ and prints it. */
export function writeBenchResult(file: string, results: BenchResult | BenchResult[]): string {
  const dir = join(__dirname, '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString();
  const machine = { cpus: cpus().length, node: process.version };
  const list = (Array.isArray(results) ? results : [results]).map((r) => ({
    at: stamp,
    ...r,
    machine: { ...machine, ...r.machine },
  }));
  const path = join(dir, `${file}.json`);
  writeFileSync(path, `${JSON.stringify(list.length === 1 ? list[0] : list, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(list, null, 2)}\nwritten to ${path}\n`);
  return path;
}
