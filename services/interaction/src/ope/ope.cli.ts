import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BanditError } from '@userops/bandits';
import { parseConfig } from '@userops/service-host';
import { createPostgresPool } from '@userops/storage';
import { interactionConfigSchema } from '../config';
import { readDecisionLog } from './decision-log.reader';
import {
  type CsvLog,
  evaluateLog,
  formatReport,
  OpeInputError,
  parseLogCsv,
  type TargetSpec,
} from './ope-report';

const usage = `usage: ope (--log FILE.csv | --decision-point NAME) --policy uniform|linucb|thompson|epsilon-greedy
           [--alpha 1] [--v 0.25] [--epsilon 0.1] [--lambda 1] [--train-share 0.5] [--resamples 1000] [--seed 1] [--json]
  FILE.csv: header with columns action, reward, propensity; every other column is a context feature.
  --decision-point reads interaction's closed decisions from DATABASE_URL / DATABASE_SCHEMA.`;

async function loadLog(values: { log?: string; 'decision-point'?: string }): Promise<CsvLog> {
  if (values.log) return parseLogCsv(readFileSync(values.log, 'utf8'));
  const config = parseConfig(interactionConfigSchema);
  const pool = createPostgresPool({
    databaseUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    maxConnections: 1,
  });
  try {
    return await readDecisionLog(pool, values['decision-point']!);
  } finally {
    await pool.end();
  }
}

/** The target policy from the flags; a learning policy's parameters are checked by the library. */
function targetSpecOf(values: {
  policy?: string;
  alpha?: string;
  v?: string;
  epsilon?: string;
  lambda?: string;
  'train-share'?: string;
}): TargetSpec {
  const optionalNumber = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const trainShare = Number(values['train-share']);
  if (values.policy !== 'uniform' && !(trainShare > 0 && trainShare < 1))
    throw new OpeInputError('--train-share must be in (0, 1)');
  const lambda = optionalNumber(values.lambda);
  switch (values.policy) {
    case 'uniform':
      return { kind: 'uniform' };
    case 'linucb':
      return { kind: 'linucb', alpha: Number(values.alpha), lambda, trainShare };
    case 'thompson':
      return { kind: 'thompson', v: optionalNumber(values.v), lambda, trainShare };
    case 'epsilon-greedy':
      return { kind: 'epsilon-greedy', epsilon: optionalNumber(values.epsilon), lambda, trainShare };
    default:
      throw new OpeInputError(`--policy ${values.policy}: use uniform, linucb, thompson or epsilon-greedy`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      log: { type: 'string' },
      'decision-point': { type: 'string' },
      policy: { type: 'string', default: 'uniform' },
      alpha: { type: 'string', default: '1' },
      v: { type: 'string' },
      epsilon: { type: 'string' },
      lambda: { type: 'string' },
      'train-share': { type: 'string', default: '0.5' },
      resamples: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || (!values.log && !values['decision-point'])) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 64;
  }
  const spec = targetSpecOf(values);
  const report = evaluateLog(await loadLog(values), spec, {
    resamples: Number(values.resamples),
    seed: Number(values.seed),
  });
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`ope: ${(error as Error).message}\n${usage}\n`);
    // Bad input (65, EX_DATAERR) includes parameters the bandit library refused.
    process.exitCode = error instanceof OpeInputError || error instanceof BanditError ? 65 : 1;
  },
);
