import type { TextAnalysisResult } from '@userops/nlp';
import { createTextAnalyser, loadUciSentiment, splitSentences } from '@userops/nlp';
import { PorterStemmer, SentimentAnalyzer, WordTokenizer } from 'natural';
import { summarise, writeBenchResult } from './bench-result';

const runs = 5;

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Texts per second over one pass of `texts`, single-threaded (one core). */
function throughput(texts: readonly string[], analyse: (text: string) => unknown): number {
  const started = process.hrtime.bigint();
  for (const text of texts) analyse(text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return texts.length / seconds;
}

function accuracy(scores: readonly number[], labels: readonly number[]): number {
  return scores.filter((score, index) => (score > 0 ? 1 : 0) === labels[index]).length / labels.length;
}

/**
 * `npm run bench -- insight [--data DIR]`: short texts (the 2,000 UCI review sentences, 60 characters
 * on average) analysed per second on one core by the full userops analyser (guard, language,
 * tokens, sentiment, topics, keywords with a learning corpus) against natural's AFINN
 * SentimentAnalyzer alone, interleaved, with each side's sentiment accuracy on the fixed UCI
 * test split next to its speed.
 */
export async function main(args: string[]): Promise<void> {
  const { amazon, yelp } = loadUciSentiment(option(args, 'data'));
  const sentences = [...amazon, ...yelp];
  const texts = sentences.map((sentence) => sentence.text);
  const { test } = splitSentences(sentences);

  const analyser = createTextAnalyser();
  const ours = (text: string): TextAnalysisResult => analyser.analyse(text);
  // The peer (../shared/BENCHMARKS.md: natural's lexicon sentiment alone, the speed and accuracy
  // floor), used the way natural's README shows it.
  const tokenizer = new WordTokenizer();
  const peerAnalyzer = new SentimentAnalyzer('English', PorterStemmer, 'afinn');
  const peer = (text: string): number => peerAnalyzer.getSentiment(tokenizer.tokenize(text));

  // Warm-up: JIT, ICU segmenter, stem and valence caches, model parsing.
  throughput(texts, ours);
  throughput(texts, peer);
  const oursSamples: number[] = [];
  const peerSamples: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Alternate who goes first so drift on a shared machine hits both sides alike.
    if (run % 2 === 0) {
      oursSamples.push(throughput(texts, ours));
      peerSamples.push(throughput(texts, peer));
    } else {
      peerSamples.push(throughput(texts, peer));
      oursSamples.push(throughput(texts, ours));
    }
  }

  const labels = test.map((sentence) => sentence.label);
  const oursAccuracy = accuracy(
    test.map((sentence) => {
      const result = ours(sentence.text);
      return result.status === 'analysed' ? result.sentiment : 0;
    }),
    labels,
  );
  const peerAccuracy = accuracy(
    test.map((sentence) => peer(sentence.text)),
    labels,
  );
  const oursSummary = summarise(oursSamples);
  const peerSummary = summarise(peerSamples);
  const averageLength = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;

  writeBenchResult('insight', {
    name: 'insight.nlp-analyse-short-texts',
    params: {
      texts: texts.length,
      averageChars: Math.round(averageLength),
      data: 'UCI Sentiment Labelled Sentences, amazon + yelp',
      runs,
      warmupPasses: 1,
      accuracySplit: { testSentences: test.length },
      cores: 1,
    },
    unit: 'texts/s',
    ours: {
      ...oursSummary,
      pipeline:
        'guard + language + tokens + sentiment (TF-IDF LR + lexicon) + topics + keywords (learning corpus)',
      quality: { sentimentAccuracy: oursAccuracy },
    },
    peers: {
      'natural-sentiment-analyzer-afinn': {
        ...peerSummary,
        pipeline: 'natural WordTokenizer + SentimentAnalyzer(English, PorterStemmer, afinn)',
        quality: { sentimentAccuracy: peerAccuracy },
      },
    },
    ratio: {
      'ours/peer throughput': oursSummary.median / peerSummary.median,
      'ours-peer accuracy': oursAccuracy - peerAccuracy,
    },
    target: { 'ours texts/s per core': 2000 },
  });
  process.stdout.write(
    `ours ${oursSummary.median.toFixed(0)} texts/s (accuracy ${oursAccuracy.toFixed(4)}), natural ${peerSummary.median.toFixed(0)} texts/s (accuracy ${peerAccuracy.toFixed(4)})\n`,
  );
}
