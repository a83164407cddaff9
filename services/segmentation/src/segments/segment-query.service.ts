import { Injectable } from '@nestjs/common';
import { computeFeatures } from '../features/feature-math';
import { LiveFeatureStore } from '../features/live-feature.store';
import { SegmentationRepository, type ModelRow } from '../persistence/segmentation.repository';
import { rfmTierDescriptions, type RfmTier } from '../rfm/rfm-tiers';
import type { SegmentationConfig } from '../config';
import { Inject } from '@nestjs/common';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';

export interface UserSegments {
  userId: string;
  features: Record<string, number>;
  traits: Record<string, string>;
  segments: Record<string, string>;
  measuredAt: string;
}

export interface SegmentListing {
  model: string;
  segmentId: string;
  size: number;
  description: string;
}

export interface SegmentMembers {
  model: string;
  segmentId: string;
  members: string[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The read side of the HTTP API: live features from Redis, sizes and members from Postgres. */
@Injectable()
export class SegmentQueryService {
  constructor(
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    private readonly store: LiveFeatureStore,
    private readonly repository: SegmentationRepository,
  ) {}

  async userSegments(userId: string): Promise<UserSegments | undefined> {
    const [user] = await this.store.load([userId]);
    if (!user) return undefined;
    const nowMs = await this.store.now();
    const traits: Record<string, string> = {};
    if (user.plan !== undefined) traits.plan = user.plan;
    if (user.country !== undefined) traits.country = user.country;
    return {
      userId,
      features: computeFeatures(user.state, nowMs, { windowDays: this.config.SEGMENTATION_WINDOW_DAYS }),
      traits,
      segments: user.segments,
      measuredAt: new Date(nowMs).toISOString(),
    };
  }

  async segments(): Promise<SegmentListing[]> {
    const sizes = await this.repository.segmentSizes();
    const described = new Map<string, string>();
    for (const model of ['kmeans', 'churn']) {
      const latest = await this.repository.latestModel(model);
      const segments = (latest?.segments ?? []) as Array<{ segmentId: string; description: string }>;
      if (Array.isArray(segments))
        for (const s of segments) described.set(`${model}/${s.segmentId}`, s.description);
    }
    return sizes.map(({ model, segmentId, size }) => ({
      model,
      segmentId,
      size,
      description:
        model === 'rfm'
          ? (rfmTierDescriptions[segmentId as RfmTier] ?? segmentId)
          : (described.get(`${model}/${segmentId}`) ?? segmentId),
    }));
  }

  async members(model: string, segmentId: string, cursor: string, limit: number): Promise<SegmentMembers> {
    const page = await this.repository.members(model, segmentId, cursor, limit + 1);
    const members = page.slice(0, limit);
    return {
      model,
      segmentId,
      members,
      nextCursor: page.length > limit ? members[members.length - 1]! : null,
    };
  }

  models(): Promise<ModelRow[]> {
    return this.repository.models();
  }
}
