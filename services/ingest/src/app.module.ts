import { join } from 'node:path';
import { Module, type DynamicModule, type OnApplicationBootstrap, Inject, Injectable } from '@nestjs/common';
import { ADMIN_TOKEN, AdminTokenGuard, serviceModulesFor } from '@userops/service-host';
import type { IngestConfig } from './config';
import { INGEST_CONFIG, INGEST_TOPICS } from './ingest.tokens';
import { SourceGate } from './sources/source-gate';
import { SourcesController } from './sources/sources.controller';
import { SourcesRepository } from './sources/sources.repository';
import { SourcesService } from './sources/sources.service';
import { DedupeStore } from './tracking/dedupe.store';
import { ingestMetricProviders } from './tracking/ingest.metrics';
import { SuppressionStore } from './tracking/suppression.store';
import { TrackingController } from './tracking/tracking.controller';
import { TrackingService } from './tracking/tracking.service';
import { UsersController } from './users/users.controller';

/** Creates the "default" source's key from INGEST_BOOTSTRAP_WRITE_KEY, once migrations ran. */
@Injectable()
class BootstrapWriteKey implements OnApplicationBootstrap {
  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly sources: SourcesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.INGEST_BOOTSTRAP_WRITE_KEY)
      await this.sources.ensureBootstrapKey(this.config.INGEST_BOOTSTRAP_WRITE_KEY);
  }
}

@Module({})
export class AppModule {
  static forConfig(config: IngestConfig): DynamicModule {
    const { imports, topics } = serviceModulesFor(config, {
      serviceName: 'ingest',
      consumes: [],
      produces: ['events', 'eventsRejected', 'userDeleted'],
      migrationsDir: join(__dirname, '../migrations'),
      kafkaSend: {
        sendTimeoutMs: config.INGEST_KAFKA_SEND_TIMEOUT_MS,
        maxPendingSends: config.INGEST_MAX_PENDING_SENDS,
      },
    });
    return {
      module: AppModule,
      imports,
      controllers: [TrackingController, SourcesController, UsersController],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        { provide: INGEST_TOPICS, useValue: topics },
        ...ingestMetricProviders,
        {
          provide: ADMIN_TOKEN,
          useValue: { token: config.INGEST_ADMIN_TOKEN, variable: 'INGEST_ADMIN_TOKEN' },
        },
        AdminTokenGuard,
        SourcesRepository,
        SourcesService,
        SourceGate,
        DedupeStore,
        SuppressionStore,
        TrackingService,
        BootstrapWriteKey,
      ],
    };
  }
}
