import {
  type BinaryClassificationReport,
  evaluateBinaryClassifier,
  LogisticRegression,
  type LogisticRegressionJson,
  StandardScaler,
  type StandardScalerJson,
  stratifiedSplit,
} from '@userops/ml';
import { dayMs, dayOf, windowCount } from '../features/feature-math';

/** What a user's activity looked like over time: enough to rebuild features as of any past day. */
export interface ActivityHistory {
  firstSeenAtMs: number;
  lastEventAtMs: number;
  ordersByDay: ReadonlyMap<number, number>;
  pageViewsByDay: ReadonlyMap<number, number>;
}

export const churnFeatureNames = [
  'recencyDays',
  'tenureDays',
  'orders',
  'pageViews',
  'ordersInWindow',
  'pageViewsInWindow',
  'activeDaysInWindow',
] as const;

export const predictedChurners = 'predicted-churners';
export const likelyActive = 'likely-active';

const sumUpTo = (byDay: ReadonlyMap<number, number>, lastDay: number) => {
  let total = 0;
  for (const [day, count] of byDay) if (day <= lastDay) total += count;
  return total;
};

/**
 * The user's features as they were at `atMs`, rebuilt from the per-day buckets (orders and page
 * views), so training labels the past and scoring the present use one definition. Undefined
 * when the user was not seen yet at `atMs`.
 */
export function pointInTimeFeatures(
  history: ActivityHistory,
  atMs: number,
  windowDays: number,
): number[] | undefined {
  if (history.firstSeenAtMs > atMs) return undefined;
  const atDay = dayOf(atMs);
  let lastActiveDay = dayOf(history.firstSeenAtMs);
  const activeDays = new Set<number>();
  for (const byDay of [history.ordersByDay, history.pageViewsByDay]) {
    for (const [day, count] of byDay) {
      if (day > atDay || count <= 0) continue;
      lastActiveDay = Math.max(lastActiveDay, day);
      if (day > atDay - windowDays) activeDays.add(day);
    }
  }
  // Today's events count as recency 0 when measuring the present (the exact last event time is known).
  const recencyDays =
    history.lastEventAtMs <= atMs
      ? (atMs - history.lastEventAtMs) / dayMs
      : Math.max(0, atDay - lastActiveDay);
  return [
    recencyDays,
    (atMs - history.firstSeenAtMs) / dayMs,
    sumUpTo(history.ordersByDay, atDay),
    sumUpTo(history.pageViewsByDay, atDay),
    windowCount(history.ordersByDay, atDay, windowDays),
    windowCount(history.pageViewsByDay, atDay, windowDays),
    activeDays.size,
  ];
}

export interface ChurnParams {
  featureNames: string[];
  windowDays: number;
  horizonDays: number;
  threshold: number;
  scaler: StandardScalerJson;
  model: LogisticRegressionJson;
}

export interface ChurnTraining {
  params: ChurnParams;
  /** Held-out evaluation (precision, recall, F1, ROC AUC) at the configured threshold. */
  metrics: BinaryClassificationReport & { trainSize: number; testSize: number };
  trainingSize: number;
}

export interface ChurnTrainingOptions {
  windowDays: number;
  /** Churn = no activity in the next horizonDays. */
  horizonDays: number;
  threshold: number;
  testFraction: number;
  seed: number;
}

export class ChurnTrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChurnTrainingError';
  }
}

/**
 * Logistic regression on snapshots taken one horizon ago: features as of now − horizon, label 1
 * when the user showed no activity after that moment (inactive for the following horizonDays).
 * Evaluated on a stratified held-out split; the stored model is the one fitted on the train part.
 */
export function trainChurn(
  histories: readonly ActivityHistory[],
  nowMs: number,
  options: ChurnTrainingOptions,
): ChurnTraining {
  const cutoffMs = nowMs - options.horizonDays * dayMs;
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const history of histories) {
    const features = pointInTimeFeatures(history, cutoffMs, options.windowDays);
    if (!features) continue;
    rows.push(features);
    labels.push(history.lastEventAtMs > cutoffMs ? 0 : 1);
  }
  const positives = labels.filter((label) => label === 1).length;
  if (positives < 2 || rows.length - positives < 2)
    throw new ChurnTrainingError(
      `churn training needs at least 2 churned and 2 retained users seen before ${new Date(cutoffMs).toISOString()}; ` +
        `found ${positives} churned of ${rows.length}`,
    );
  const split = stratifiedSplit(labels, { testFraction: options.testFraction, seed: options.seed });
  const pick = <T>(list: readonly T[], indices: Int32Array) => Array.from(indices, (i) => list[i]!);
  const scaler = StandardScaler.fit(pick(rows, split.train), {
    log1pColumns: churnFeatureNames.map((_, j) => j),
    featureNames: churnFeatureNames,
  });
  const model = LogisticRegression.fit(scaler.transform(pick(rows, split.train)), pick(labels, split.train));
  const scores = model.predictProba(scaler.transform(pick(rows, split.test)));
  const report = evaluateBinaryClassifier(pick(labels, split.test), scores, options.threshold);
  return {
    params: {
      featureNames: [...churnFeatureNames],
      windowDays: options.windowDays,
      horizonDays: options.horizonDays,
      threshold: options.threshold,
      scaler: scaler.toJSON(),
      model: model.toJSON(),
    },
    metrics: { ...report, trainSize: split.train.length, testSize: split.test.length },
    trainingSize: rows.length,
  };
}

export class ChurnScorer {
  private readonly scaler: StandardScaler;
  private readonly model: LogisticRegression;

  constructor(
    readonly version: string,
    private readonly params: ChurnParams,
  ) {
    this.scaler = StandardScaler.fromJSON(params.scaler);
    this.model = LogisticRegression.fromJSON(params.model);
  }

  probability(history: ActivityHistory, nowMs: number): number {
    const features = pointInTimeFeatures(
      history,
      Math.max(nowMs, history.lastEventAtMs),
      this.params.windowDays,
    )!;
    return this.model.predictProba(this.scaler.transform([features]))[0]!;
  }

  segmentOf(probability: number): string {
    return probability >= this.params.threshold ? predictedChurners : likelyActive;
  }
}
