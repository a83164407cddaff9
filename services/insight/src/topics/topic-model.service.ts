import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Problem } from '@userops/contracts';
import {
  evaluateTopics,
  isNlpError,
  retrainTopicModel,
  shippedTopicClassifier,
  shippedTopicExamples,
  splitTopicExamples,
  type ThinLabel,
  TopicClassifier,
} from '@userops/nlp';
import { HttpProblem } from '@userops/service-host';
import { TextAnalysisService } from '../analysis/text-analysis.service';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';
import {
  type TopicModelActivation,
  TopicModelRepository,
  type TopicModelSummary,
} from './topic-model.repository';

/** A history entry: a stored version, or version 0 (the shipped model, no training record here). */
export interface TopicModelVersion extends Omit<TopicModelSummary, 'createdAt' | 'trainingMs'> {
  builtin: boolean;
  active: boolean;
  createdAt: string | null;
  trainingMs: number | null;
}

export interface TopicModelHistory {
  /** The version every replica is told to serve. */
  active: TopicModelActivation;
  /** The version this replica serves now (differs from `active` for at most one poll interval). */
  served: { version: number; modelId: string };
  /** Stored versions newest first, then version 0. */
  versions: TopicModelVersion[];
}

export type RetrainedTopicModel = TopicModelSummary & { active: boolean };

// Training hands the event loop back between single-label fits; setImmediate lets pending I/O
// (HTTP, Kafka heartbeats and fetches) run before the next fit.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Retrains, stores, activates and hot-swaps topic model versions. The replica that trains or
 * activates swaps at once; every replica polls the active version and swaps when it changes, so
 * a rollback reaches all of them within INSIGHT_TOPIC_MODEL_POLL_INTERVAL_MS without a restart.
 */
@Injectable()
export class TopicModelService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('topic-model');
  private timer: NodeJS.Timeout | undefined;
  private retraining: Promise<RetrainedTopicModel> | undefined;
  // Bumped on every swap: a poll that read the active version before a local swap must not
  // overwrite that newer swap with what it read.
  private swaps = 0;
  private builtin: TopicModelVersion | undefined;

  constructor(
    @Inject(INSIGHT_CONFIG) private readonly config: InsightConfig,
    private readonly repository: TopicModelRepository,
    private readonly analysis: TextAnalysisService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.syncActiveModel();
    this.timer = setInterval(
      () =>
        void this.syncActiveModel().catch((error: unknown) =>
          this.logger.warn(`topic model poll failed, still serving the current version: ${String(error)}`),
        ),
      this.config.INSIGHT_TOPIC_MODEL_POLL_INTERVAL_MS,
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Serves the active version if this replica serves another one. */
  async syncActiveModel(): Promise<void> {
    const swapsBefore = this.swaps;
    const { version } = await this.repository.activation();
    if (version === this.analysis.topicModel.version) return;
    const classifier = await this.classifierOf(version);
    if (classifier && this.swaps === swapsBefore) this.serve(version, classifier);
  }

  /**
   * Trains on the starter and team examples, stores the version with its held-out figures and,
   * unless `activate` is false, makes it active. One retrain at a time per replica.
   */
  retrain(activate: boolean): Promise<RetrainedTopicModel> {
    if (this.retraining)
      throw new HttpProblem(
        409,
        'RETRAIN_IN_PROGRESS',
        'a topic model retrain is already running on this replica; retry when it has finished',
      );
    this.retraining = this.train(activate).finally(() => (this.retraining = undefined));
    return this.retraining;
  }

  /** Makes a stored version (or 0, the shipped model) active and serves it here at once. */
  async activate(version: number): Promise<TopicModelActivation & { modelId: string }> {
    const classifier = await this.classifierOf(version);
    const activation = classifier && (await this.repository.activate(version));
    if (!classifier || !activation)
      throw HttpProblem.notFound(
        'TOPIC_MODEL_NOT_FOUND',
        `there is no topic model version ${version}; GET /admin/topics/models lists them`,
      );
    this.serve(version, classifier);
    return { ...activation, modelId: classifier.modelVersion };
  }

  async history(): Promise<TopicModelHistory> {
    const [active, stored] = await Promise.all([this.repository.activation(), this.repository.listModels()]);
    const served = this.analysis.topicModel;
    return {
      active,
      served: { version: served.version, modelId: served.classifier.modelVersion },
      versions: [
        ...stored.map((summary) => ({
          ...summary,
          builtin: false,
          active: summary.version === active.version,
        })),
        { ...this.builtinVersion(), active: active.version === 0 },
      ],
    };
  }

  private async train(activate: boolean): Promise<RetrainedTopicModel> {
    const team = await this.repository.allExamples();
    const started = performance.now();
    const result = await retrainTopicModel(
      {
        starter: shippedTopicExamples(),
        team,
        minExamplesPerLabel: this.config.INSIGHT_TOPIC_MIN_EXAMPLES_PER_LABEL,
      },
      yieldToEventLoop,
    ).catch((error: unknown) => {
      throw isNlpError(error) && error.code === 'TRAINING_INVALID' ? tooFewExamples(error) : error;
    });
    const trainingMs = Math.round(performance.now() - started);
    const { classifier } = result;
    const stored = await this.repository.insertModel(
      {
        model: classifier.toJson(),
        modelId: classifier.modelVersion,
        labels: [...classifier.labels],
        metrics: {
          heldOut: result.evaluation,
          crossValidationMacroF1: classifier.training.crossValidationMacroF1,
          l2: classifier.training.l2,
          threshold: classifier.threshold,
        },
        examples: { ...result.counts, train: result.train.length, test: result.test.length },
        trainingMs,
      },
      activate,
    );
    this.logger.log(
      `trained topic model v${stored.version} (${classifier.modelVersion}) on ${result.train.length} examples in ` +
        `${trainingMs} ms: held-out macro-F1 ${result.evaluation.macroF1.toFixed(3)}`,
    );
    if (activate) this.serve(stored.version, classifier);
    return { ...stored, active: activate };
  }

  private serve(version: number, classifier: TopicClassifier): void {
    this.swaps++;
    this.analysis.useTopicModel({ version, classifier });
    this.logger.log(`serving topic model v${version} (${classifier.modelVersion})`);
  }

  private async classifierOf(version: number): Promise<TopicClassifier | undefined> {
    if (version === 0) return shippedTopicClassifier();
    const json = await this.repository.model(version);
    return json === undefined ? undefined : TopicClassifier.fromJson(json);
  }

  /** Version 0's figures: the shipped model on the same held-out split `eval topics` prints. */
  private builtinVersion(): Omit<TopicModelVersion, 'active'> {
    if (this.builtin) return this.builtin;
    const classifier = shippedTopicClassifier();
    const { examples } = shippedTopicExamples();
    const { train, test } = splitTopicExamples(examples);
    this.builtin = {
      version: 0,
      builtin: true,
      active: false,
      modelId: classifier.modelVersion,
      labels: [...classifier.labels],
      metrics: {
        heldOut: evaluateTopics(classifier, test),
        crossValidationMacroF1: classifier.training.crossValidationMacroF1,
        l2: classifier.training.l2,
        threshold: classifier.threshold,
      },
      examples: {
        starter: examples.length,
        team: 0,
        total: examples.length,
        train: train.length,
        test: test.length,
      },
      trainingMs: null,
      createdAt: null,
    };
    return this.builtin;
  }
}

/** 422: the examples are valid but too few for some label; the problems name each label. */
function tooFewExamples(error: { message: string; details: Record<string, unknown> }): HttpProblem {
  const thin = (error.details.thin as ThinLabel[] | undefined) ?? [];
  const problems: Problem[] =
    thin.length > 0
      ? thin.map(({ label, examples, needed }) => ({
          path: `labels.${label}`,
          message: `has ${examples} examples, needs at least ${needed}`,
        }))
      : [{ path: 'examples', message: error.message }];
  return new HttpProblem(422, 'TOO_FEW_EXAMPLES', error.message, problems);
}
