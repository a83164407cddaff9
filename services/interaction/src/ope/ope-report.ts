import {
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

export class OpeInputError extends Error {
  readonly code = 'OPE_INVALID_INPUT';
  readonly retriable = false;
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

export type TargetSpec = { kind: 'uniform' } | { kind: 'linucb'; alpha: number; trainShare: number };

export interface OpeReport {
  target: string;
  actions: string[];
  trainedOn: number;
  evaluatedOn: number;
  estimates: OffPolicyEstimate[];
}

/**
 * IPS, SNIPS and doubly robust (ridge reward model) estimates of the target policy's value on
 * the log, each with its percentile bootstrap interval and effective sample size.
 * `uniform`: every action seen in the log equally likely. `linucb`: LinUCB (Li et al. 2010)
 * trained on the first `trainShare` of the log and evaluated on the rest, so the estimate is not
 * scored on the data the policy learned from.
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
    if (evaluated.length === 0) throw new OpeInputError('nothing left to evaluate on: lower --train-share');
    const policy = createPolicy({ kind: 'lin-ucb', dimension: log.featureNames.length, alpha: spec.alpha });
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
  return {
    target: spec.kind === 'uniform' ? 'uniform' : `linucb(alpha=${spec.alpha})`,
    actions,
    trainedOn,
    evaluatedOn: evaluated.length,
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
  ];
  for (const e of report.estimates)
    lines.push(
      `${e.estimator.padEnd(14)} value ${e.value.toFixed(4)}  ${Math.round(e.interval.level * 100)}% CI [${e.interval.lower.toFixed(4)}, ${e.interval.upper.toFixed(4)}]  ESS ${e.effectiveSampleSize.toFixed(1)} of ${e.samples}`,
    );
  return lines.join('\n');
}
