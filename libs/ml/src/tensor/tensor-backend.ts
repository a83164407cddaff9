import * as tf from '@tensorflow/tfjs';
import { dirname, sep } from 'node:path';
import { MlError } from '../ml-error';

/**
 * Picks the TensorFlow.js backend once per process, as DESIGN.md ("Where things run") asks:
 * 1. `tensorflow` — native libtensorflow through `@tensorflow/tfjs-node`, when that package is installed
 *    (its install downloads libtensorflow, so it is optional and absent on offline machines);
 * 2. `wasm` — `@tensorflow/tfjs-backend-wasm`, whose .wasm binaries ship inside the npm package;
 * 3. `cpu` — the plain-JavaScript backend bundled with `@tensorflow/tfjs`, which always works.
 * The caller's logger hears which one was picked and why the better ones were skipped; nothing is printed.
 */
export type TensorBackendName = 'tensorflow' | 'wasm' | 'cpu';

export type TensorBackendLog = (message: string, details: Record<string, unknown>) => void;

const silent: TensorBackendLog = () => undefined;

let selection: Promise<TensorBackendName> | undefined;

/** Selects the backend on first call; later calls return the same choice. Resolves to the backend's name. */
export function initTensorBackend(log: TensorBackendLog = silent): Promise<TensorBackendName> {
  if (selection === undefined) {
    selection = selectTensorBackend(log).catch((error: unknown) => {
      selection = undefined;
      throw error;
    });
  }
  return selection;
}

/**
 * Tries the candidates in order and activates the first that initialises. Exported for tests, which need
 * to exercise the fallback without a process-wide memo; services call `initTensorBackend`.
 */
export async function selectTensorBackend(
  log: TensorBackendLog,
  candidates: readonly TensorBackendName[] = ['tensorflow', 'wasm', 'cpu'],
): Promise<TensorBackendName> {
  const skipped: Record<string, string> = {};
  for (const candidate of candidates) {
    try {
      await loaders[candidate]();
      if (!(await tf.setBackend(candidate))) throw new Error(`tf.setBackend('${candidate}') returned false`);
      await tf.ready();
      log(`tensor backend: ${candidate}`, { backend: candidate, skipped });
      return candidate;
    } catch (error) {
      skipped[candidate] = (error as Error).message.split('\n')[0] ?? String(error);
    }
  }
  throw new MlError(
    'ml.backend-unavailable',
    `no TensorFlow.js backend could start (${JSON.stringify(skipped)}); check that @tensorflow/tfjs is installed`,
  );
}

const loaders: Record<TensorBackendName, () => Promise<void>> = {
  tensorflow: async () => {
    // Optional dependency: a plain require inside try/catch is the only way to probe for it without
    // making the build depend on a package that may not install.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-node');
  },
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the backend cannot fetch its binaries by URL; point it at the package's dist/ folder.
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${sep}`);
  },
  cpu: async () => undefined,
};

/** The backend TensorFlow.js is using right now (after `initTensorBackend`, the one it picked). */
export function currentTensorBackend(): string {
  return tf.getBackend();
}
