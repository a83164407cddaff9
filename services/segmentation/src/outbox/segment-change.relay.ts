import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { SegmentChangedEvent } from '@userops/contracts';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import type { SegmentationConfig } from '../config';
import { SegmentPublisher } from '../profiles/segment-publisher';
import { outboxPendingMetric } from '../segmentation.metrics';
import { SEGMENTATION_CONFIG } from '../segmentation.tokens';
import { decodeOutboxEntry } from './outbox-entry';
import { SegmentChangeOutbox } from './segment-change.outbox';

/** Entries per Kafka request. */
const batchSize = 500;
/**
 * How long a relay keeps the outbox after its last renewal: a replica that died while relaying
 * holds it up to this long, then another takes over. Longer than the producer's send timeout, so
 * a live relay renews before it lapses.
 */
const leaseMs = 30_000;

/**
 * Sends the outbox's segment-changed events to Kafka in swap order and removes each entry only
 * after Kafka acknowledged it: at least once, and exactly once unless a send fails after Kafka
 * wrote it (then the resend carries the same eventId, so consumers can drop the copy). Runs after
 * every swap batch, on a timer (retries after a failed send, entries of a replica that died) and at
 * start-up (entries left by a crash between swap and send).
 */
@Injectable()
export class SegmentChangeRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('segment-change-relay');
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private requested = false;
  private closed = false;

  constructor(
    @Inject(SEGMENTATION_CONFIG) private readonly config: SegmentationConfig,
    private readonly outbox: SegmentChangeOutbox,
    private readonly publisher: SegmentPublisher,
    @InjectMetric(outboxPendingMetric) private readonly pendingGauge: Gauge,
  ) {}

  onApplicationBootstrap(): void {
    void this.relayInBackground();
    this.timer = setInterval(
      () => void this.relayInBackground(),
      this.config.SEGMENTATION_OUTBOX_RELAY_INTERVAL_MS,
    );
  }

  /** Finishes the send in progress, then hands the outbox to the next replica (or restart) at once. */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
    await this.outbox.releaseLease(this.holder).catch(() => undefined);
  }

  /**
   * Sends everything in the outbox now (joining a relay in progress, which then runs once more
   * for entries added since it read). Rejects when Kafka did not take a batch; the entries stay
   * and the timer retries. Resolves at once when another replica holds the outbox.
   */
  relayNow(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.requested = true;
    this.draining ??= this.drainWhileRequested().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** The timer's and start-up's relay: joins one in progress without a second warning for its failure. */
  private async relayInBackground(): Promise<void> {
    if (this.draining) {
      this.requested = true;
      return;
    }
    await this.relayNow().catch((error: unknown) =>
      this.logger.warn(
        `segment-changed events stay in the outbox until Kafka takes them (retry every ` +
          `${this.config.SEGMENTATION_OUTBOX_RELAY_INTERVAL_MS} ms): ${(error as Error).message}`,
      ),
    );
  }

  private async drainWhileRequested(): Promise<void> {
    while (this.requested && !this.closed) {
      this.requested = false;
      try {
        await this.drain();
      } finally {
        await this.outbox
          .pending()
          .then((count) => this.pendingGauge.set(count))
          .catch(() => undefined);
      }
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (!(await this.outbox.holdLease(this.holder, leaseMs))) return;
      const entries = await this.outbox.oldest(batchSize);
      if (entries.length === 0) return;
      const events: SegmentChangedEvent[] = [];
      for (const entry of entries) {
        const decoded = decodeOutboxEntry(entry.fields);
        if (decoded.ok) events.push(decoded.event);
        // Kept, it would block every later change forever; it can only come from a bug, so it is loud.
        else this.logger.error(`dropping unsendable outbox entry ${entry.id}: ${decoded.problem}`);
      }
      await this.publisher.segmentChanges(events);
      await this.outbox.acknowledge(entries.map((entry) => entry.id));
      if (entries.length < batchSize) return;
    }
  }
}
