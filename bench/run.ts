import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Usage: npm run bench -- <name>   runs bench/<name>.bench.ts, which writes bench-results/<name>.json
const available = readdirSync(__dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  process.stderr.write(
    `usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none yet)'}\n`,
  );
  process.exit(2);
}
const file = join(__dirname, `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchmark = require(file) as { main(args: string[]): Promise<void> };
benchmark.main(process.argv.slice(3)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
