import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** libs/nlp/models: the trained models the library ships. */
export const modelsDir = resolve(__dirname, '..', '..', 'models');
export const sentimentModelPath = join(modelsDir, 'sentiment-model.json');
export const topicModelPath = join(modelsDir, 'topic-model.json');
/** libs/nlp/data: the hand-written topic examples. */
export const topicExamplesPath = resolve(__dirname, '..', '..', 'data', 'topic-examples.json');

/**
 * Writes a model as JSON in the repository's Prettier style, so a regenerated file is
 * byte-identical to the committed one and passes `prettier --check`. Prettier is a dev
 * dependency; training is a development task, so it is loaded only here.
 */
export async function writeModelFile(path: string, model: unknown): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path)) ?? {};
  const text = await prettier.format(JSON.stringify(model), { ...options, filepath: path });
  writeFileSync(path, text);
}
