import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { v4 as uuidv4 } from 'uuid';
import type { SegmentationConfig } from '../config';
import { computeFeatures, dayMs, type UserFeatures } from '../features/feature-math';
import { type LiveUser, LiveFeatureStore } from '../features/live-feature.store';
import { type RfmInputRow, SegmentationRepository } from '../persistence/segmentation.repository';
import { RfmModelService } from '../rfm/rfm-model.service';
import { assignRfm } from '../rfm/rfm-tiers';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';
import { ChurnRegistry } from '../churn/churn.registry';
import { KMeansRegistry } from '../kmeans/kmeans.registry';
import { encodePendingChangeBody } from '../outbox/outbox-entry';
import { SegmentChangeRelay } from '../outbox/segment-change.relay';
import { buildProfile, type SegmentChange, type SegmentModel } from './outbound-events.builder';
import { SegmentPublisher } from './segment-publisher';

const dirtyBatch = 1000;
const maxUsersPerFlush = 50_000;

/**
 * Which event a change is attributed to: the user's latest applied event (the flush, whose
 * changes follow from that user's features), or none (a retrain, its own correlation).
 */
export type ChangeCause = 'latest-event' | 'retrain';

export interface FlushResult {
  flushed: number;
  changes: SegmentChange[];
}

/**
 * The periodic flush: takes the users whose features moved since the last one, writes them to
 * Postgres in one statement, re-tiers them (or the whole population when the RFM cut points are
 * due), records segment-changed for each actual change in the outbox (sent by the relay), and
 * publishes one profile per touched user. A failed flush puts its users back in the dirty set; the
 * segment compare-and-set makes the retry record nothing twice.
 */
@Injectable()
export class ProfileFlushService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('profile-flush');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private lastRecomputeAt = Number.NEGATIVE_INFINITY;
  /** Flushes, deletions and retrains run one at a time, so none writes back a user another removed. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    private readonly store: LiveFeatureStore,
    private readonly repository: SegmentationRepository,
    private readonly rfm: RfmModelService,
    private readonly publisher: SegmentPublisher,
    private readonly relay: SegmentChangeRelay,
    private readonly kmeans: KMeansRegistry,
    private readonly churnModels: ChurnRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flushNow(), this.config.SEGMENTATION_FLUSH_INTERVAL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs `work` after every flush, deletion or retrain queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.chain.then(work);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Runs one flush, or joins the one in progress. */
  flushNow(): Promise<unknown> {
    this.running ??= this.exclusive(() => this.flush())
      .catch((error: unknown) =>
        this.logger.error(`flush failed: ${(error as Error).stack ?? String(error)}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private features(user: LiveUser, nowMs: number): UserFeatures {
    return computeFeatures(user.state, nowMs, { windowDays: this.config.SEGMENTATION_WINDOW_DAYS });
  }

  async flush(): Promise<FlushResult> {
    const nowMs = await this.store.now();
    const dirty: string[] = [];
    for (;;) {
      const taken = await this.store.takeDirty(dirtyBatch);
      dirty.push(...taken);
      if (taken.length < dirtyBatch || dirty.length >= maxUsersPerFlush) break;
    }
    try {
      const loaded = await this.store.load(dirty);
      const { inserted } = await this.repository.upsertProfiles(
        loaded.map((user) => ({
          userId: user.userId,
          features: this.features(user, nowMs),
          traits: {
            ...(user.plan !== undefined ? { plan: user.plan } : {}),
            ...(user.country !== undefined ? { country: user.country } : {}),
          },
          lastEventAtMs: user.state.lastEventAtMs,
          orders: user.state.orders,
          revenue: user.state.revenue,
        })),
      );
      // A deletion on another replica since load() would be undone by the upsert. Its script adds
      // the user to the forgotten set before it deletes the row, so a check made after the upsert
      // sees every such user, and removing their rows again leaves none behind.
      const erased = new Set(await this.store.forgottenAmong(loaded.map((user) => user.userId)));
      if (erased.size > 0) await this.repository.deleteUsers([...erased]);
      const live = loaded.filter((user) => !erased.has(user.userId));

      this.kmeans.addNewUsers(inserted);

      let candidates: RfmInputRow[];
      const due =
        !this.rfm.current ||
        Date.now() - this.lastRecomputeAt >= this.config.SEGMENTATION_RFM_RECOMPUTE_INTERVAL_MS;
      if (due) {
        candidates = await this.repository.allRfmInputs();
        if (candidates.length === 0) return { flushed: 0, changes: [] };
        await this.rfm.recompute(candidates.map((row) => rfmInputOf(row, nowMs)));
        this.lastRecomputeAt = Date.now();
      } else {
        candidates = live.map((user) => ({
          userId: user.userId,
          lastEventAtMs: user.state.lastEventAtMs,
          orders: user.state.orders,
          revenue: user.state.revenue,
          segments: user.segments,
        }));
      }
      const dirtySet = new Set(dirty);
      const changes = await this.retier(candidates, nowMs, dirtySet);
      const kmeans = this.kmeans.current;
      if (kmeans) {
        changes.push(
          ...(await this.applySegments(
            'kmeans',
            kmeans.version,
            live.map((user) => {
              const features = this.features(user, nowMs);
              return {
                userId: user.userId,
                segment: kmeans.assign(features),
                known: user.segments.kmeans,
                features,
                reason: 'features updated',
              };
            }),
            'latest-event',
          )),
        );
      }
      const churn = this.churnModels.current;
      if (churn) {
        changes.push(
          ...(await this.applySegments(
            'churn',
            churn.version,
            live.map((user) => {
              const probability = churn.probability(user.state, nowMs);
              return {
                userId: user.userId,
                segment: churn.segmentOf(probability),
                known: user.segments.churn,
                features: { churnProbability: Math.round(probability * 10_000) / 10_000 },
                reason: 'features updated',
              };
            }),
            'latest-event',
          )),
        );
      }
      await this.publish([...live.map((user) => user.userId), ...changes.map((c) => c.userId)], nowMs);
      return { flushed: live.length, changes };
    } catch (error) {
      await this.store.markDirty(dirty).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Relays the recorded segment changes, then publishes one profile per user. A relay failure only
   * delays the changes (they stay in the outbox for the relay's retry); a failed profile send puts
   * the users back in the dirty set so the next flush publishes them, and rejects. A user deleted
   * (on another replica) between load and send gets a tombstone after the profile, so the
   * compacted topic ends on the tombstone whichever of the two sends Kafka took first.
   */
  async publish(userIds: readonly string[], nowMs: number): Promise<void> {
    await this.relay
      .relayNow()
      .catch((error: unknown) =>
        this.logger.warn(`segment changes wait in the outbox for Kafka: ${(error as Error).message}`),
      );
    const unique = [...new Set(userIds)];
    try {
      const current = await this.store.load(unique);
      const now = new Date();
      await this.publisher.profiles(
        current.map((user) => buildProfile(user.userId, this.features(user, nowMs), user.segments, now)),
      );
      for (const userId of await this.store.forgottenAmong(current.map((user) => user.userId)))
        await this.publisher.tombstone(userId);
    } catch (error) {
      await this.store.markDirty(unique).catch(() => undefined);
      throw error;
    }
  }

  /** publish, or, when Kafka does not take the profiles, leaves them to the next flush (users stay dirty). */
  async publishOrDefer(userIds: readonly string[], nowMs: number): Promise<void> {
    await this.publish(userIds, nowMs).catch((error: unknown) =>
      this.logger.warn(`profiles go out with the next flush: ${(error as Error).message}`),
    );
  }

  /**
   * Moves each user to `segment` under `model` by compare-and-set in Redis (skipped when the
   * known segment already matches), which records each change's segment-changed event in the
   * outbox in the same step; mirrors the result in Postgres, and returns the changes. Callers
   * then relay the outbox (publish), but a change is safe from the moment it is returned.
   */
  async applySegments(
    model: SegmentModel,
    version: string,
    assignments: ReadonlyArray<{
      userId: string;
      segment: string;
      known: string | undefined;
      features: Record<string, number>;
      reason: string;
    }>,
    causedBy: ChangeCause,
  ): Promise<SegmentChange[]> {
    const changes: SegmentChange[] = [];
    const stored: Array<{ userId: string; segment: string }> = [];
    const occurredAt = new Date().toISOString();
    for (const assignment of assignments) {
      if (assignment.known === assignment.segment) continue;
      const swap = await this.store.swapSegment(assignment.userId, model, assignment.segment, version, {
        eventId: uuidv4(),
        occurredAt,
        body: encodePendingChangeBody({
          modelVersion: version,
          current: assignment.segment,
          features: assignment.features,
          reason: assignment.reason,
          ...(causedBy === 'retrain' ? { cause: {} } : {}),
        }),
        causedByLatestEvent: causedBy === 'latest-event',
      });
      if (swap.kind === 'gone') continue;
      stored.push({ userId: assignment.userId, segment: assignment.segment });
      if (swap.kind === 'unchanged') continue;
      changes.push({
        userId: assignment.userId,
        model,
        modelVersion: version,
        previous: swap.previous,
        current: assignment.segment,
        features: assignment.features,
        reason: assignment.reason,
      });
    }
    await this.repository.setSegments(model, stored);
    return changes;
  }

  private async retier(
    candidates: readonly RfmInputRow[],
    nowMs: number,
    dirty: ReadonlySet<string>,
  ): Promise<SegmentChange[]> {
    const model = this.rfm.current;
    if (!model) return [];
    return this.applySegments(
      'rfm',
      model.version,
      candidates.map((candidate) => {
        const input = rfmInputOf(candidate, nowMs);
        const { r, f, m, tier } = assignRfm(input, model.cuts);
        const scores = `R${r} F${f} M${m}`;
        return {
          userId: candidate.userId,
          segment: tier,
          known: candidate.segments.rfm,
          features: {
            recencyDays: input.recency,
            orders: input.frequency,
            revenue: input.monetary,
            rfmRecencyScore: r,
            rfmFrequencyScore: f,
            rfmMonetaryScore: m,
          },
          reason: dirty.has(candidate.userId)
            ? `features updated: ${scores}`
            : `population re-scored (${model.version}): ${scores}`,
        };
      }),
      'latest-event',
    );
  }
}

function rfmInputOf(row: RfmInputRow, nowMs: number) {
  return {
    recency: Math.max(0, nowMs - row.lastEventAtMs) / dayMs,
    frequency: row.orders,
    monetary: row.revenue,
  };
}
