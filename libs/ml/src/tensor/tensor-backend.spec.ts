import * as tf from '@tensorflow/tfjs';
import { assignDense } from '../clustering/nearest-centroid';
import { createRandom } from '../random/seeded-random';
import { initTensorBackend, selectTensorBackend } from './tensor-backend';
import { createTensorAssigner } from './tensor-distances';

function tfjsNodeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('tensor backend selection', () => {
  it('picks native TensorFlow when tfjs-node is installed, otherwise WASM, and says so through the logger', async () => {
    const messages: Array<{ message: string; details: Record<string, unknown> }> = [];
    const backend = await initTensorBackend((message, details) => messages.push({ message, details }));

    const expected = tfjsNodeInstalled() ? 'tensorflow' : 'wasm';
    expect(backend).toBe(expected);
    expect(tf.getBackend()).toBe(expected);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toBe(`tensor backend: ${expected}`);
    if (expected === 'wasm') {
      expect(messages[0]!.details.skipped).toEqual({
        tensorflow: expect.stringContaining('@tensorflow/tfjs-node'),
      });
    }
    expect(await initTensorBackend()).toBe(backend);
  });

  it('falls back to the cpu backend when it is the only candidate left', async () => {
    const log = jest.fn();
    expect(await selectTensorBackend(log, ['cpu'])).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(log).toHaveBeenCalledWith('tensor backend: cpu', { backend: 'cpu', skipped: {} });
  });

  it('assigns points to the same centroids as the float64 path', async () => {
    await selectTensorBackend(() => undefined, ['wasm', 'cpu']);
    const random = createRandom(11);
    const rows = 500;
    const cols = 4;
    const k = 5;
    const values = Float64Array.from({ length: rows * cols }, () => random.nextGaussian() * 3);
    const centroids = Float64Array.from({ length: k * cols }, () => random.nextGaussian() * 3);
    const data = { rows, cols, values };

    const assigner = createTensorAssigner(data);
    const viaTensors = assigner.assign(centroids, k);
    assigner.dispose();
    const exact = assignDense(data, centroids, k);

    expect(Array.from(viaTensors.labels)).toEqual(Array.from(exact.labels));
    viaTensors.squaredDistances.forEach((value, i) =>
      expect(value).toBeCloseTo(exact.squaredDistances[i]!, 3),
    );
  });
});
