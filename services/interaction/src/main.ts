import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@userops/service-host';
import { AppModule } from './app.module';
import { interactionConfigSchema } from './config';

const config = loadConfigOrExit(interactionConfigSchema, 'interaction');
startService(AppModule.forConfig(config), {
  serviceName: 'interaction',
  description:
    'Contextual bandits that choose the next action per user, learn from rewards, and evaluate off-policy.',
  host: config.HOST,
  port: config.PORT,
}).catch((error: unknown) => {
  process.stderr.write(`interaction: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
