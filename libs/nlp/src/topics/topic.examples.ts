import { NlpError } from '../errors/nlp.error';
import { shuffled } from '../learning/seeded.random';

/** The label set used when a product team has not configured its own. */
export const defaultTopicLabels = [
  'pricing',
  'bug',
  'feature-request',
  'usability',
  'performance',
  'support',
  'delivery',
  'praise',
] as const;

/** One labelled text; several labels are allowed ("slow and expensive"). */
export interface TopicExample {
  text: string;
  labels: string[];
}

export interface TopicExampleSet {
  labels: string[];
  examples: TopicExample[];
}

/**
 * Checks an example file or API payload: `{ labels?: string[], examples: [{ text, labels }] }`.
 * Without `labels`, the label set is every label the examples use, in order of first use.
 */
export function parseTopicExamples(input: unknown): TopicExampleSet {
  const fail = (message: string, details: Record<string, unknown> = {}): never => {
    throw new NlpError('DATA_INVALID', `topic examples: ${message}`, details);
  };
  if (typeof input !== 'object' || input === null) return fail('expected an object with an "examples" array');
  const { labels, examples } = input as { labels?: unknown; examples?: unknown };
  if (!Array.isArray(examples) || examples.length === 0) return fail('"examples" must be a non-empty array');
  const parsed = examples.map((example: unknown, index): TopicExample => {
    const { text, labels: exampleLabels } = (example ?? {}) as { text?: unknown; labels?: unknown };
    if (typeof text !== 'string' || text.trim() === '')
      return fail(`examples[${index}].text must be non-empty text`, { index });
    if (
      !Array.isArray(exampleLabels) ||
      exampleLabels.length === 0 ||
      !exampleLabels.every((label) => typeof label === 'string' && label !== '')
    ) {
      return fail(`examples[${index}].labels must be a non-empty array of label names`, { index });
    }
    return { text, labels: [...new Set(exampleLabels as string[])] };
  });
  const used = [...new Set(parsed.flatMap((example) => example.labels))];
  if (labels === undefined) return { labels: used, examples: parsed };
  if (!Array.isArray(labels) || !labels.every((label) => typeof label === 'string' && label !== '')) {
    return fail('"labels" must be an array of label names');
  }
  const declared = new Set(labels as string[]);
  const unknown = used.filter((label) => !declared.has(label));
  if (unknown.length > 0) return fail(`examples use undeclared labels: ${unknown.join(', ')}`, { unknown });
  return { labels: [...declared], examples: parsed };
}

export interface TopicSplit {
  train: TopicExample[];
  test: TopicExample[];
}

/** The fixed held-out split behind every published topic figure. */
export const topicSplit = { seed: 8, testShare: 0.25 } as const;

/**
 * Seeded split, stratified by each example's first label so every label is in the test set;
 * sorted by text before shuffling, so reordering the example file does not change the split.
 */
export function splitTopicExamples(
  examples: readonly TopicExample[],
  testShare: number = topicSplit.testShare,
  seed: number = topicSplit.seed,
): TopicSplit {
  const byLabel = new Map<string, TopicExample[]>();
  for (const example of examples) {
    const label = example.labels[0]!;
    const group = byLabel.get(label);
    if (group) group.push(example);
    else byLabel.set(label, [example]);
  }
  const train: TopicExample[] = [];
  const test: TopicExample[] = [];
  [...byLabel.keys()].sort().forEach((label, index) => {
    const members = shuffled(
      byLabel.get(label)!.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
      seed + index,
    );
    const testCount = Math.round(members.length * testShare);
    test.push(...members.slice(0, testCount));
    train.push(...members.slice(testCount));
  });
  return { train, test };
}
