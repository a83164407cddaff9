import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { SegmentationConfig } from '../config';
import { LiveFeatureStore } from '../features/live-feature.store';
import { HttpProblem } from '@userops/service-host';
import { SegmentationRepository } from '../persistence/segmentation.repository';
import { ProfileFlushService } from '../profiles/profile-flush.service';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';
import {
  type ChurnParams,
  ChurnScorer,
  type ChurnTraining,
  ChurnTrainingError,
  likelyActive,
  predictedChurners,
  trainChurn,
} from './churn-model';
import { ChurnRegistry } from './churn.registry';

export interface ChurnRetrainResult {
  version: string;
  trainingSize: number;
  metrics: ChurnTraining['metrics'];
  /** Users per churn segment after scoring everyone with the new version. */
  sizes: Record<string, number>;
  changed: number;
}

const versionName = (version: number) => `churn-v${version}`;
const loadBatch = 500;

/** Trains, stores and hot-swaps churn versions; the training replica re-scores every user. */
@Injectable()
export class ChurnModelService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('churn');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    private readonly registry: ChurnRegistry,
    private readonly repository: SegmentationRepository,
    private readonly store: LiveFeatureStore,
    private readonly flushes: ProfileFlushService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadLatest();
    this.timer = setInterval(
      () => void this.loadLatest().catch((e: unknown) => this.logger.warn(`model poll failed: ${String(e)}`)),
      this.config.SEGMENTATION_MODEL_POLL_INTERVAL_MS,
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async loadLatest(): Promise<void> {
    const latest = await this.repository.latestModel('churn');
    if (!latest || latest.version <= this.registry.version) return;
    const scorer = new ChurnScorer(versionName(latest.version), latest.params as ChurnParams);
    if (this.registry.offer(latest.version, scorer)) this.logger.log(`now scoring with ${scorer.version}`);
  }

  retrain(): Promise<ChurnRetrainResult> {
    return this.flushes.exclusive(() => this.train());
  }

  private async train(): Promise<ChurnRetrainResult> {
    const nowMs = await this.store.now();
    const known = await this.repository.allFeatures();
    const users = [];
    for (let i = 0; i < known.length; i += loadBatch)
      users.push(...(await this.store.load(known.slice(i, i + loadBatch).map((user) => user.userId))));
    let training: ChurnTraining;
    try {
      training = trainChurn(
        users.map((user) => user.state),
        nowMs,
        {
          windowDays: this.config.SEGMENTATION_WINDOW_DAYS,
          horizonDays: this.config.SEGMENTATION_CHURN_HORIZON_DAYS,
          threshold: this.config.SEGMENTATION_CHURN_THRESHOLD,
          testFraction: 0.25,
          seed: this.config.SEGMENTATION_KMEANS_SEED,
        },
      );
    } catch (error) {
      if (error instanceof ChurnTrainingError)
        throw new HttpProblem(409, 'NOT_ENOUGH_HISTORY', error.message);
      throw error;
    }
    const stored = await this.repository.insertModel(
      'churn',
      training.params,
      training.metrics,
      [
        {
          segmentId: predictedChurners,
          description: `likely inactive in the next ${training.params.horizonDays} days`,
        },
        {
          segmentId: likelyActive,
          description: `likely active in the next ${training.params.horizonDays} days`,
        },
      ],
      training.trainingSize,
    );
    const scorer = new ChurnScorer(versionName(stored.version), training.params);
    this.registry.offer(stored.version, scorer);

    const sizes: Record<string, number> = {};
    const changes = await this.flushes.applySegments(
      'churn',
      scorer.version,
      users.map((user) => {
        const probability = scorer.probability(user.state, nowMs);
        const segment = scorer.segmentOf(probability);
        sizes[segment] = (sizes[segment] ?? 0) + 1;
        return {
          userId: user.userId,
          segment,
          known: user.segments.churn,
          features: { churnProbability: Math.round(probability * 10_000) / 10_000 },
          reason: `retrained (${scorer.version}, threshold ${training.params.threshold})`,
        };
      }),
      'retrain',
    );
    // The segments and their events are stored (outbox): Kafka being away delays them, it does not fail the retrain.
    await this.flushes.publishOrDefer(
      changes.map((change) => change.userId),
      nowMs,
    );
    return {
      version: scorer.version,
      trainingSize: training.trainingSize,
      metrics: training.metrics,
      sizes,
      changed: changes.length,
    };
  }
}
