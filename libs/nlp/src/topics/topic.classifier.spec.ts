import { shippedTopicClassifier, shippedTopicExamples } from '../analysis/shipped.models';
import { NlpError } from '../errors/nlp.error';
import { TopicClassifier } from './topic.classifier';
import { defaultTopicLabels, parseTopicExamples, splitTopicExamples, topicSplit } from './topic.examples';
import { evaluateTopics } from './topic.evaluation';
import { trainTopicClassifier } from './topic.trainer';

const classifier = shippedTopicClassifier();
const { examples } = shippedTopicExamples();

describe('starter topic examples', () => {
  it('hold at least 40 English examples (60 written) and a few Chinese ones per default label', () => {
    for (const label of defaultTopicLabels) {
      const ofLabel = examples.filter((example) => example.labels.includes(label));
      const chinese = ofLabel.filter((example) => /\p{Script=Han}/u.test(example.text));
      expect(ofLabel.length - chinese.length).toBeGreaterThanOrEqual(40);
      expect(chinese.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('shipped topic classifier', () => {
  it('reaches macro-F1 ≥ 0.7 on the held-out split (0.80 when trained)', () => {
    const { test } = splitTopicExamples(examples, topicSplit.testShare, topicSplit.seed);
    expect(test).toHaveLength(128);
    const report = evaluateTopics(classifier, test);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.7);
    expect(report.perLabel.map((metrics) => metrics.label)).toEqual([...defaultTopicLabels]);
    report.perLabel.forEach((metrics) => expect(metrics.f1).toBeGreaterThan(0.4));
  });

  it.each([
    ['The app crashes whenever I open my profile', 'bug'],
    ['Please add an export to Excel option', 'feature-request'],
    ['Way too expensive for a monthly plan', 'pricing'],
    ['My parcel never arrived and tracking is stuck', 'delivery'],
    ['Support never answered my ticket', 'support'],
    ['Pages load really slowly', 'performance'],
    ['Absolutely love it, thank you!', 'praise'],
    ['I could not find the settings menu, very confusing', 'usability'],
    ['快递太慢了', 'delivery'],
  ])('ranks the expected label first: %s -> %s', (text, label) => {
    expect(classifier.assignText(text)[0]?.label).toBe(label);
  });

  it('gives every label an independent score in [0, 1] and can assign several labels', () => {
    const topics = classifier.assignText('Shipping is slow and the price is too high');
    expect(topics.map((topic) => topic.label)).toEqual(expect.arrayContaining(['delivery', 'pricing']));
    topics.forEach((topic) => expect(topic.score).toBeGreaterThanOrEqual(0));
    topics.forEach((topic) => expect(topic.score).toBeLessThanOrEqual(1));
  });

  it('assigns nothing to a text with no known word', () => {
    expect(classifier.assignText('zzzqx wibble')).toEqual([]);
  });

  it('round-trips through versioned JSON', () => {
    const json = classifier.toJson();
    expect(json).toMatchObject({ format: 'userops.nlp.topics', formatVersion: 1 });
    const restored = TopicClassifier.fromJson(JSON.parse(JSON.stringify(json)));
    expect(restored.modelVersion).toBe(classifier.modelVersion);
    expect(restored.assignText('slow delivery')).toEqual(classifier.assignText('slow delivery'));
    expect(() => TopicClassifier.fromJson({ ...json, biases: [1] })).toThrow(NlpError);
  });
});

describe('trainTopicClassifier with a custom label set', () => {
  const custom = parseTopicExamples({
    labels: ['billing', 'login'],
    examples: [
      ...[
        'invoice wrong',
        'charged twice',
        'refund my payment',
        'billing address',
        'card declined',
        'invoice missing',
      ].map((text) => ({ text, labels: ['billing'] })),
      ...[
        'cannot log in',
        'password reset fails',
        'login page blank',
        'two factor code',
        'locked out of account',
        'sign in loops',
      ].map((text) => ({ text, labels: ['login'] })),
    ],
  });

  it('learns the configured labels and versions the model by content', () => {
    const { classifier: trained } = trainTopicClassifier(custom.examples, {
      labels: custom.labels,
      folds: 3,
    });
    expect(trained.labels).toEqual(['billing', 'login']);
    expect(trained.assignText('my invoice was charged twice')[0]?.label).toBe('billing');
    expect(trained.assignText('password reset does not work')[0]?.label).toBe('login');
    const again = trainTopicClassifier(custom.examples, { labels: custom.labels, folds: 3 }).classifier;
    expect(again.modelVersion).toBe(trained.modelVersion);
  });

  it('refuses labels with fewer examples than folds', () => {
    expect(() =>
      trainTopicClassifier(custom.examples.slice(0, 7), { labels: custom.labels, folds: 3 }),
    ).toThrow(/login/);
  });
});

describe('parseTopicExamples', () => {
  it('rejects examples without text or labels, and undeclared labels, with DATA_INVALID', () => {
    expect(() => parseTopicExamples({ examples: [{ text: '', labels: ['a'] }] })).toThrow(
      /examples\[0\]\.text/,
    );
    expect(() => parseTopicExamples({ examples: [{ text: 'x', labels: [] }] })).toThrow(/labels/);
    expect(() => parseTopicExamples({ labels: ['a'], examples: [{ text: 'x', labels: ['b'] }] })).toThrow(
      /undeclared labels: b/,
    );
  });
});
