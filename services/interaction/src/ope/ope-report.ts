import {
  type BanditPolicy,
  createPolicy,
  createRng,
  estimateDoublyRobust,
  estimateIps,
  estimateSnips,
  fitRidgeRewardModel,
  type LoggedDecision,
  type OffPolicyEstimate,
  policyAsTarget,
  type TargetPolicy,
} from '@userops/bandits';

export type OpeInputErrorCode = 'OPE_INVALID_INPUT' | 'NO_CLOSED_DECISIONS';

/** A log or request that cannot be evaluated; retrying it unchanged cannot succeed. */
export class OpeInputError extends Error {
  readonly retriable = false;

  constructor(
    message: string,
    readonly code: OpeInputErrorCode = 'OPE_INVALID_INPUT',
  ) {
    super(message);
    this.name = 'OpeInputError';
  }
}

export interface CsvLog {
  featureNames: string[];
  records: LoggedDecision[];
}

/**
 * A logged-decisions CSV: a header row naming `action`, `reward`, `propensity` and any other
 * columns, which are the context features in header order. Plain comma-separated values (no
 * quoting); every feature, reward and propensity must be a number, propensity in (0, 1].
 */
export function parseLogCsv(text: string): CsvLog {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2) throw new OpeInputError('the log needs a header row and at least one record');
  const header = lines[0]!.split(',').map((name) => name.trim());
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0)
      throw new OpeInputError(`the header lacks the column "${name}" (it has: ${header.join(', ')})`);
    return index;
  };
  const [actionAt, rewardAt, propensityAt] = [column('action'), column('reward'), column('propensity')];
  const featureColumns = header
    .map((name, index) => ({ name, index }))
    .filter((c) => ![actionAt, rewardAt, propensityAt].includes(c.index));
  const records = lines.slice(1).map((line, row) => {
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length)
      throw new OpeInputError(`line ${row + 2}: ${cells.length} values for ${header.length} columns`);
    const number = (index: number) => {
      const value = Number(cells[index]);
      if (cells[index] === '' || !Number.isFinite(value))
        throw new OpeInputError(
          `line ${row + 2}, column ${header[index]}: "${cells[index]}" is not a number`,
        );
      return value;
    };
    const propensity = number(propensityAt);
    if (!(propensity > 0 && propensity <= 1))
      throw new OpeInputError(`line ${row + 2}: propensity ${propensity} must be in (0, 1]`);
    return {
      action: cells[actionAt]!,
      reward: number(rewardAt),
      propensity,
      context: featureColumns.map((c) => number(c.index)),
    };
  });
  return { featureNames: featureColumns.map((c) => c.name), records };
}

/**
 * The candidate policy to evaluate. `uniform`: every action seen in the log equally likely. The
 * learning kinds take the decision point policy parameters of the same name (library defaults
 * when omitted) and are trained on the first `trainShare` of the log, then evaluated on the rest,
 * so an estimate is never scored on the data its policy learned from.
 */
export type TargetSpec =
  | { kind: 'uniform' }
  | { kind: 'linucb'; alpha?: number; lambda?: number; trainShare: number }
  | { kind: 'thompson'; v?: number; lambda?: number; propensitySamples?: number; trainShare: number }
  | { kind: 'epsilon-greedy'; epsilon?: number; lambda?: number; trainShare: number };

export interface OpeReport {
  target: string;
  actions: string[];
  trainedOn: number;
  evaluatedOn: number;
  /** The average reward the logging policy actually got on the evaluated records: the value to beat. */
  loggingPolicy: { value: number; samples: number };
  estimates: OffPolicyEstimate[];
}

/** The candidate as a fresh library policy of the log's dimension. */
function candidatePolicy(spec: Exclude<TargetSpec, { kind: 'uniform' }>, dimension: number): BanditPolicy {
  switch (spec.kind) {
    case 'linucb':
      return createPolicy({ kind: 'lin-ucb', dimension, alpha: spec.alpha, lambda: spec.lambda });
    case 'thompson':
      return createPolicy({
        kind: 'thompson-sampling',
        dimension,
        v: spec.v,
        lambda: spec.lambda,
        propensitySamples: spec.propensitySamples,
      });
    case 'epsilon-greedy':
      return createPolicy({ kind: 'epsilon-greedy', dimension, epsilon: spec.epsilon, lambda: spec.lambda });
  }
}

/** e.g. `linucb(alpha=1)`: the kind and the parameters given, for the report's first line. */
function describeTarget(spec: TargetSpec): string {
  const given = Object.entries(spec).filter(
    ([name, value]) => name !== 'kind' && name !== 'trainShare' && value !== undefined,
  );
  return given.length === 0
    ? spec.kind
    : `${spec.kind}(${given.map(([name, value]) => `${name}=${String(value)}`).join(', ')})`;
}

/**
 * IPS, SNIPS and doubly robust (ridge reward model) estimates of the target policy's value on
 * the log, each with its percentile bootstrap interval and effective sample size, next to the
 * logging policy's observed value on the same records. Learning targets (LinUCB, Li et al. 2010;
 * linear Thompson sampling; epsilon-greedy) are trained on the first `trainShare` of the log.
 */
export function evaluateLog(
  log: CsvLog,
  spec: TargetSpec,
  options: { resamples?: number; seed?: number } = {},
): OpeReport {
  const actions = [...new Set(log.records.map((record) => record.action))];
  let target: TargetPolicy;
  let evaluated = log.records;
  let trainedOn = 0;
  if (spec.kind === 'uniform') {
    target = (_context, choices) => Object.fromEntries(choices.map((action) => [action, 1 / choices.length]));
  } else {
    trainedOn = Math.floor(log.records.length * spec.trainShare);
    evaluated = log.records.slice(trainedOn);
    if (evaluated.length === 0) throw new OpeInputError('nothing left to evaluate on: lower the train share');
    const policy = candidatePolicy(spec, log.featureNames.length);
    for (const record of log.records.slice(0, trainedOn))
      policy.update(record.action, record.context, record.reward);
    target = policyAsTarget(policy, createRng(options.seed ?? 1));
  }
  const estimateOptions = {
    actions,
    resamples: options.resamples ?? 1000,
    seed: options.seed ?? 1,
    level: 0.95,
  };
  const observedTotal = evaluated.reduce((sum, record) => sum + record.reward, 0);
  return {
    target: describeTarget(spec),
    actions,
    trainedOn,
    evaluatedOn: evaluated.length,
    loggingPolicy: { value: observedTotal / evaluated.length, samples: evaluated.length },
    estimates: [
      estimateIps(evaluated, target, estimateOptions),
      estimateSnips(evaluated, target, estimateOptions),
      estimateDoublyRobust(evaluated, target, fitRidgeRewardModel(evaluated), estimateOptions),
    ],
  };
}

export function formatReport(report: OpeReport): string {
  const lines = [
    `target policy: ${report.target}; actions: ${report.actions.join(', ')}; evaluated on ${report.evaluatedOn} records` +
      (report.trainedOn > 0 ? ` (trained on the first ${report.trainedOn})` : ''),
    `logging policy observed value ${report.loggingPolicy.value.toFixed(4)} on the same records`,
  ];
  for (const e of report.estimates)
    lines.push(
      `${e.estimator.padEnd(14)} value ${e.value.toFixed(4)}  ${Math.round(e.interval.level * 100)}% CI [${e.interval.lower.toFixed(4)}, ${e.interval.upper.toFixed(4)}]  ESS ${e.effectiveSampleSize.toFixed(1)} of ${e.samples}`,
    );
  return lines.join('\n');
}
