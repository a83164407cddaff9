import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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

const usage = `usage: ope (--log FILE.csv | --decision-point NAME) --policy uniform|linucb [--alpha 1] [--train-share 0.5] [--resamples 1000] [--seed 1] [--json]
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

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      log: { type: 'string' },
      'decision-point': { type: 'string' },
      policy: { type: 'string', default: 'uniform' },
      alpha: { type: 'string', default: '1' },
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
  const spec: TargetSpec =
    values.policy === 'uniform'
      ? { kind: 'uniform' }
      : values.policy === 'linucb'
        ? { kind: 'linucb', alpha: Number(values.alpha), trainShare: Number(values['train-share']) }
        : (() => {
            throw new OpeInputError(`--policy ${values.policy}: use uniform or linucb`);
          })();
  if (spec.kind === 'linucb' && (!(spec.alpha > 0) || !(spec.trainShare > 0 && spec.trainShare < 1)))
    throw new OpeInputError('--alpha must be > 0 and --train-share in (0, 1)');
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
    process.exitCode = error instanceof OpeInputError ? 65 : 1;
  },
);
