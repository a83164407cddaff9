import { ensureInfrastructure, type StartedInfrastructure } from './ensure-infrastructure';

declare global {
  // Shared with the global teardown, which jest runs in the same process.
  var __useropsStartedInfrastructure: StartedInfrastructure | undefined;
}

export default async function globalSetup(): Promise<void> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  globalThis.__useropsStartedInfrastructure = await ensureInfrastructure((line) =>
    process.stderr.write(`\n${line}\n`),
  );
}
