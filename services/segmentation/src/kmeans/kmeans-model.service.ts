import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { SegmentationConfig } from '../config';
import { dayMs } from '../features/feature-math';
import { LiveFeatureStore } from '../features/live-feature.store';
import { HttpProblem } from '@userops/service-host';
import { SegmentationRepository } from '../persistence/segmentation.repository';
import { ProfileFlushService } from '../profiles/profile-flush.service';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';
import {
  KMeansAssigner,
  kmeansFeatureNames,
  type KMeansSegment,
  type KMeansTraining,
  type StoredKMeansParams,
  trainKMeans,
} from './kmeans-model';
import { KMeansRegistry } from './kmeans.registry';

export interface RetrainResult {
  version: string;
  k: number;
  silhouette: number;
  inertia: number;
  trainingSize: number;
  segments: KMeansSegment[];
  elbow: KMeansTraining['metrics']['elbow'];
  /** Users whose segment changed (each got one segment-changed event). */
  changed: number;
}

const versionName = (version: number) => `kmeans-v${version}`;

/**
 * Trains, stores and hot-swaps k-means versions. The replica that trains reassigns every user
 * and emits segment-changed only for those whose (stable) segment id moved; the others pick the
 * new version up by polling and use it for live assignments.
 */
@Injectable()
export class KMeansModelService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('kmeans');
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    private readonly registry: KMeansRegistry,
    private readonly repository: SegmentationRepository,
    private readonly store: LiveFeatureStore,
    private readonly flushes: ProfileFlushService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadLatest();
    const afterNewUsers = this.config.SEGMENTATION_KMEANS_RETRAIN_AFTER_NEW_USERS;
    if (afterNewUsers > 0) {
      this.registry.onNewUsers((count) => {
        // Not awaited: the flush that counted them holds the exclusive lock the retrain queues behind.
        if (count >= afterNewUsers && !this.retraining)
          void this.retrain().catch((e: unknown) =>
            this.logger.warn(`retrain after new users failed: ${String(e)}`),
          );
      });
    }
    this.timers.push(
      setInterval(
        () =>
          void this.loadLatest().catch((e: unknown) => this.logger.warn(`model poll failed: ${String(e)}`)),
        this.config.SEGMENTATION_MODEL_POLL_INTERVAL_MS,
      ),
    );
    if (this.config.SEGMENTATION_KMEANS_RETRAIN_INTERVAL_MS > 0) {
      this.timers.push(
        setInterval(
          () =>
            void this.retrain().catch((e: unknown) =>
              this.logger.warn(`scheduled retrain failed: ${String(e)}`),
            ),
          this.config.SEGMENTATION_KMEANS_RETRAIN_INTERVAL_MS,
        ),
      );
    }
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  async loadLatest(): Promise<void> {
    const latest = await this.repository.latestModel('kmeans');
    if (!latest || latest.version <= this.registry.version) return;
    const assigner = new KMeansAssigner(versionName(latest.version), latest.params as StoredKMeansParams);
    if (this.registry.offer(latest.version, assigner))
      this.logger.log(`now assigning with ${assigner.version}`);
  }

  private retraining: Promise<RetrainResult> | undefined;

  retrain(): Promise<RetrainResult> {
    this.retraining ??= this.flushes
      .exclusive(() => this.train())
      .finally(() => (this.retraining = undefined));
    return this.retraining;
  }

  private async train(): Promise<RetrainResult> {
    const nowMs = await this.store.now();
    const population = (await this.repository.allFeatures()).map((user) => ({
      ...user,
      // Stored features were measured at their flush; recency is re-measured against today's clock.
      features: { ...user.features, recencyDays: Math.max(0, nowMs - user.lastEventAtMs) / dayMs },
    }));
    const kMin = this.config.SEGMENTATION_KMEANS_K_MIN;
    if (population.length < kMin + 1)
      throw new HttpProblem(
        409,
        'NOT_ENOUGH_USERS',
        `k-means needs at least ${kMin + 1} users with profiles, there are ${population.length}; retry after more events`,
      );
    this.registry.resetNewUsers();
    const previous = await this.repository.latestModel('kmeans');
    const training = trainKMeans(
      population.map((user) => user.features),
      kmeansFeatureNames(this.config.SEGMENTATION_WINDOW_DAYS),
      previous?.params as StoredKMeansParams | undefined,
      {
        kMin,
        kMax: this.config.SEGMENTATION_KMEANS_K_MAX,
        seed: this.config.SEGMENTATION_KMEANS_SEED,
        miniBatchAbove: this.config.SEGMENTATION_KMEANS_MINI_BATCH_ABOVE,
      },
    );
    const stored = await this.repository.insertModel(
      'kmeans',
      training.params,
      training.metrics,
      training.segments,
      training.trainingSize,
    );
    const assigner = new KMeansAssigner(versionName(stored.version), training.params);
    this.registry.offer(stored.version, assigner);

    const changes = await this.flushes.applySegments(
      'kmeans',
      assigner.version,
      population.map((user) => ({
        userId: user.userId,
        segment: assigner.assign(user.features),
        known: user.segments.kmeans,
        features: user.features,
        reason: `retrained (${assigner.version}, k=${training.metrics.k})`,
      })),
      'retrain',
    );
    // The segments and their events are stored (outbox): Kafka being away delays them, it does not fail the retrain.
    await this.flushes.publishOrDefer(
      changes.map((change) => change.userId),
      nowMs,
    );
    this.logger.log(`${assigner.version}: k=${training.metrics.k}, ${changes.length} users changed segment`);
    return {
      version: assigner.version,
      k: training.metrics.k,
      silhouette: training.metrics.silhouette,
      inertia: training.metrics.inertia,
      trainingSize: training.trainingSize,
      segments: training.segments,
      elbow: training.metrics.elbow,
      changed: changes.length,
    };
  }
}
