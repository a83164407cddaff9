import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@userops/service-host';
import { AppModule } from './app.module';
import { ingestConfigSchema } from './config';

const config = loadConfigOrExit(ingestConfigSchema, 'ingest');
startService(AppModule.forConfig(config), {
  serviceName: 'ingest',
  description:
    'Segment-compatible tracking API (track, identify, page, screen, group, alias, batch) into Kafka.',
  host: config.HOST,
  port: config.PORT,
}).catch((error: unknown) => {
  process.stderr.write(`ingest: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
