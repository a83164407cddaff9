import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import {
  batchItem,
  callSchemas,
  eventKeyOf,
  parseWith,
  type CallType,
  type EventEnvelope,
  type Problem,
  type RejectedEvent,
  type TopicMap,
  trackingLimits,
} from '@userops/contracts';
import { BrokerUnavailableError, type EventProducer } from '@userops/messaging';
import { EVENT_PRODUCER } from '@userops/service-host';
import { PinoLogger } from 'nestjs-pino';
import type { Counter } from 'prom-client';
import type { IngestConfig } from '../config';
import { IngestHttpError } from '../http/ingest-http.error';
import { INGEST_CONFIG, INGEST_TOPICS } from '../ingest.tokens';
import { DedupeStore } from './dedupe.store';
import { buildEnvelope, type Reception } from './envelope.factory';
import { eventsMetric, unavailableMetric } from './ingest.metrics';
import { SuppressionStore } from './suppression.store';

export interface RejectedCall {
  index: number;
  messageId?: string;
  problems: Problem[];
}

export interface AcceptOutcome {
  accepted: number;
  deduplicated: number;
  suppressed: number;
  rejected: RejectedCall[];
}

export interface IncomingCalls {
  endpoint: string;
  /** The calls as received; `type` is the endpoint's for single calls, the item's own in a batch. */
  calls: unknown[];
  /** Size of the request body; when it is within the per-call limit, no call can be over it. */
  bodyBytes: number;
  singleType?: CallType;
  reception: Reception;
}

function messageIdOf(call: unknown): string | undefined {
  const id = (call as { messageId?: unknown } | null)?.messageId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Validates, enriches, de-duplicates and publishes tracking calls. A call is acknowledged only
 * once Kafka holds it; if Kafka does not acknowledge, the dedupe claims are given back and the
 * client gets 503, so its retry is not swallowed.
 */
@Injectable()
export class TrackingService {
  constructor(
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    @Inject(INGEST_TOPICS) private readonly topics: TopicMap,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly dedupe: DedupeStore,
    private readonly suppression: SuppressionStore,
    @InjectMetric(eventsMetric) private readonly events: Counter<'outcome'>,
    @InjectMetric(unavailableMetric) private readonly unavailable: Counter,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('tracking');
  }

  async accept({ endpoint, calls, singleType, reception, bodyBytes }: IncomingCalls): Promise<AcceptOutcome> {
    const valid: EventEnvelope[] = [];
    const rejected: RejectedCall[] = [];
    const checkCallSize = bodyBytes > trackingLimits.callBytes;
    calls.forEach((call, index) => {
      const problems = this.problemsOf(call, singleType, checkCallSize);
      if (problems) rejected.push({ index, messageId: messageIdOf(call), problems });
      else
        valid.push(buildEnvelope(call as never, singleType ?? (call as { type: CallType }).type, reception));
    });
    if (rejected.length > 0)
      this.reportRejected(endpoint, reception, calls, rejected, singleType === undefined);

    const suppressedFlags = await this.suppression.suppressed(valid.map((e) => e.userId));
    const deliverable = valid.filter((_, i) => !suppressedFlags[i]);
    const claims = await this.dedupe.claim(
      reception.sourceId,
      deliverable.map((e) => e.messageId),
    );
    const fresh = deliverable.filter((_, i) => claims[i]);

    if (fresh.length > 0) {
      try {
        await this.producer.send(
          this.topics.events,
          fresh.map((envelope) => ({ key: eventKeyOf(envelope), value: envelope })),
        );
      } catch (error) {
        await this.dedupe.release(
          reception.sourceId,
          fresh.map((e) => e.messageId),
        );
        if (error instanceof BrokerUnavailableError) {
          this.unavailable.inc();
          throw new IngestHttpError(
            503,
            'BROKER_UNAVAILABLE',
            `${error.message}`,
            undefined,
            this.config.INGEST_RETRY_AFTER_SECONDS,
          );
        }
        throw error;
      }
    }

    const outcome = {
      accepted: fresh.length,
      deduplicated: deliverable.length - fresh.length,
      suppressed: valid.length - deliverable.length,
      rejected,
    };
    this.events.inc({ outcome: 'accepted' }, outcome.accepted);
    this.events.inc({ outcome: 'deduplicated' }, outcome.deduplicated);
    this.events.inc({ outcome: 'suppressed' }, outcome.suppressed);
    this.events.inc({ outcome: 'rejected' }, rejected.length);
    return outcome;
  }

  private problemsOf(
    call: unknown,
    singleType: CallType | undefined,
    checkCallSize: boolean,
  ): Problem[] | undefined {
    const parsed = singleType ? parseWith(callSchemas[singleType], call) : parseWith(batchItem, call);
    if (!parsed.ok) return parsed.problems;
    if (
      checkCallSize &&
      singleType === undefined &&
      Buffer.byteLength(JSON.stringify(call)) > trackingLimits.callBytes
    ) {
      return [{ path: '(root)', message: `must be at most ${trackingLimits.callBytes} bytes` }];
    }
    return undefined;
  }

  /** Operators see violations on userops.events.rejected.v1; failing to write them never fails the call. */
  private reportRejected(
    endpoint: string,
    reception: Reception,
    calls: unknown[],
    rejected: RejectedCall[],
    inBatch: boolean,
  ): void {
    const records: RejectedEvent[] = rejected.map(({ index, messageId, problems }) => ({
      schemaVersion: 1,
      sourceId: reception.sourceId,
      receivedAt: reception.receivedAt.toISOString(),
      endpoint,
      index: inBatch ? index : undefined,
      messageId,
      problems,
      original: calls[index],
    }));
    this.producer
      .send(
        this.topics.eventsRejected,
        records.map((record) => ({ key: reception.sourceId, value: record })),
      )
      .catch((error: unknown) =>
        this.logger.warn(
          { error: (error as Error).message, count: records.length },
          'could not record rejected calls',
        ),
      );
  }
}

/** Prefixes batch item problems with their place in the batch, e.g. `batch[3].event`. */
export function batchProblems(rejected: RejectedCall[]): Problem[] {
  return rejected.flatMap(({ index, problems }) =>
    problems.map((p) => ({
      path: p.path === '(root)' ? `batch[${index}]` : `batch[${index}].${p.path}`,
      message: p.message,
    })),
  );
}
