import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@userops/service-host';
import { AppModule } from './app.module';
import { insightConfigSchema } from './config';

const config = loadConfigOrExit(insightConfigSchema, 'insight');
startService(AppModule.forConfig(config), {
  serviceName: 'insight',
  description: 'NLP on what users write: sentiment, keywords and topics per user and segment, with alerts.',
  host: config.HOST,
  port: config.PORT,
}).catch((error: unknown) => {
  process.stderr.write(`insight: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
