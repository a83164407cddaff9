import { releaseInfrastructure } from './ensure-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__useropsStartedInfrastructure;
  if (started) await releaseInfrastructure(started);
}
