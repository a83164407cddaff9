import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { REDIS } from '@userops/service-host';
import type Redis from 'ioredis';
import type { Counter } from 'prom-client';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { IngestConfig } from '../config';
import { IngestHttpError } from '../http/ingest-http.error';
import { INGEST_CONFIG } from '../ingest.tokens';
import { rateLimitedMetric } from '../tracking/ingest.metrics';
import { type AuthenticatedSource, SourcesService } from './sources.service';
import { writeKeyFrom } from './write-key';

/** Admits a tracking request: a valid write key, within its source's rate limit (shared via Redis). */
@Injectable()
export class SourceGate {
  private readonly limiter: RateLimiterRedis | undefined;

  constructor(
    private readonly sources: SourcesService,
    @Inject(REDIS) redis: Redis,
    @Inject(INGEST_CONFIG) config: IngestConfig,
    @InjectMetric(rateLimitedMetric) private readonly rateLimited: Counter,
  ) {
    const perSecond = config.INGEST_RATE_LIMIT_PER_SECOND;
    this.limiter =
      perSecond > 0
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: 'ingest:rate',
            points: perSecond,
            duration: 1,
          })
        : undefined;
  }

  async admit(authorization: string | undefined, body: unknown): Promise<AuthenticatedSource> {
    const writeKey = writeKeyFrom(authorization, body);
    const source = writeKey ? await this.sources.authenticate(writeKey) : undefined;
    if (!source) throw IngestHttpError.unauthorized();
    if (this.limiter) {
      try {
        await this.limiter.consume(source.sourceId);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        this.rateLimited.inc();
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new IngestHttpError(
          429,
          'RATE_LIMITED',
          `this source is over its rate limit; retry after ${retryAfter} s`,
          undefined,
          retryAfter,
        );
      }
    }
    return source;
  }
}
