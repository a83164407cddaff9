import 'reflect-metadata';
import { loadConfigOrExit, startService } from '@userops/service-host';
import { AppModule } from './app.module';
import { segmentationConfigSchema } from './config';

const config = loadConfigOrExit(segmentationConfigSchema, 'segmentation');
startService(AppModule.forConfig(config), {
  serviceName: 'segmentation',
  description:
    'Live per-user features, RFM tiers, K-Means segments and churn propensity; emits segment-changed and profiles.',
  host: config.HOST,
  port: config.PORT,
}).catch((error: unknown) => {
  process.stderr.write(`segmentation: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
