import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../../../..');

/** Runs one of the repository's infrastructure scripts, streaming its stderr to ours. */
export function runScript(relativePath: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('bash', [join(repoRoot, relativePath)], {
      env: { ...process.env, ...env },
      timeout: 300_000,
    });
    child.stderr?.pipe(process.stderr);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${relativePath} exited with ${code ?? 'a signal'}`)),
    );
    child.on('error', reject);
  });
}

/** Data dir of the broker the test setup starts itself, apart from the local stack's. */
export const testKafkaDataDir = join(repoRoot, '.local/kafka-test');
