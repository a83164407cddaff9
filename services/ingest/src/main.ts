import 'reflect-metadata';
import { trackingLimits } from '@userops/contracts';
import { loadConfigOrExit, startService } from '@userops/service-host';
import { AppModule } from './app.module';
import { ingestConfigSchema } from './config';
import { registerRequestBodyParsing } from './http/request-body.parser';

const config = loadConfigOrExit(ingestConfigSchema, 'ingest');
startService(AppModule.forConfig(config), {
  serviceName: 'ingest',
  description:
    'Segment-compatible tracking API (track, identify, page, screen, group, alias, batch) into Kafka.',
  host: config.HOST,
  port: config.PORT,
  bodyLimit: trackingLimits.batchBytes,
  bodyParser: false,
  configure: (app) =>
    registerRequestBodyParsing(app.getHttpAdapter().getInstance(), trackingLimits.batchBytes),
}).catch((error: unknown) => {
  process.stderr.write(`ingest: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
