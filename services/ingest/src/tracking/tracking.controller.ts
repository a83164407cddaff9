import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBasicAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { batchCall, type CallType, jsonSchemas, parseWith, trackingLimits } from '@userops/contracts';
import type { FastifyRequest } from 'fastify';
import type { Histogram } from 'prom-client';
import { IngestHttpError } from '../http/ingest-http.error';
import { bodyBytesOf } from '../http/request-body.parser';
import { SourceGate } from '../sources/source-gate';
import { requestDurationMetric } from './ingest.metrics';
import { type AcceptOutcome, batchProblems, TrackingService } from './tracking.service';

const schemas = jsonSchemas();
const schemaOf = (name: string) => schemas[name] as Record<string, unknown>;

/** Segment's HTTP Tracking API: the SDKs' host points here, nothing else changes for them. */
@ApiTags('tracking')
@ApiBasicAuth()
@ApiResponse({ status: 400, description: 'Invalid call: every problem with its field path.' })
@ApiResponse({ status: 401, description: 'Missing, unknown or revoked write key.' })
@ApiResponse({ status: 413, description: 'Over 32 KB per call or 500 KB per batch.' })
@ApiResponse({ status: 429, description: 'Over the source rate limit (Retry-After).' })
@ApiResponse({ status: 503, description: 'Kafka did not acknowledge; nothing was accepted (Retry-After).' })
@Controller('v1')
export class TrackingController {
  constructor(
    private readonly gate: SourceGate,
    private readonly tracking: TrackingService,
    @InjectMetric(requestDurationMetric) private readonly duration: Histogram<'endpoint' | 'status'>,
  ) {}

  @Post('track')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an action the user performed.' })
  @ApiBody({ schema: schemaOf('tracking.track') })
  track(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.single('track', request, auth, body);
  }

  @Post('identify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tie a user to their traits.' })
  @ApiBody({ schema: schemaOf('tracking.identify') })
  identify(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.single('identify', request, auth, body);
  }

  @Post('page')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a page view.' })
  @ApiBody({ schema: schemaOf('tracking.page') })
  page(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.single('page', request, auth, body);
  }

  @Post('screen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a mobile screen view.' })
  @ApiBody({ schema: schemaOf('tracking.screen') })
  screen(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.single('screen', request, auth, body);
  }

  @Post('group')
  @HttpCode(200)
  @ApiOperation({ summary: 'Associate the user with a group (account, company).' })
  @ApiBody({ schema: schemaOf('tracking.group') })
  group(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.single('group', request, auth, body);
  }

  @Post('alias')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a previous identity into a user id.' })
  @ApiBody({ schema: schemaOf('tracking.alias') })
  alias(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.single('alias', request, auth, body);
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send many calls at once; good calls are accepted, bad ones reported by index and messageId.',
  })
  @ApiBody({ schema: schemaOf('tracking.batch') })
  batch(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.many('batch', request, auth, body);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: "Segment's alias of /v1/batch, for historical imports." })
  @ApiBody({ schema: schemaOf('tracking.batch') })
  import(@Req() request: FastifyRequest, @Headers('authorization') auth?: string, @Body() body?: unknown) {
    return this.many('import', request, auth, body);
  }

  private single(type: CallType, request: FastifyRequest, auth: string | undefined, body: unknown) {
    return this.timed(type, async () => {
      const source = await this.gate.admit(auth, body);
      if (bodyBytesOf(request) > trackingLimits.callBytes)
        throw IngestHttpError.tooLarge(trackingLimits.callBytes, 'the call');
      const outcome = await this.tracking.accept({
        endpoint: `/v1/${type}`,
        calls: [body],
        bodyBytes: bodyBytesOf(request),
        singleType: type,
        reception: { sourceId: source.sourceId, receivedAt: new Date() },
      });
      if (outcome.rejected.length > 0) throw IngestHttpError.validation(outcome.rejected[0]!.problems);
      return { success: true };
    });
  }

  private many(
    endpoint: 'batch' | 'import',
    request: FastifyRequest,
    auth: string | undefined,
    body: unknown,
  ) {
    return this.timed(endpoint, async () => {
      const source = await this.gate.admit(auth, body);
      const parsed = parseWith(batchCall, body);
      if (!parsed.ok) throw IngestHttpError.validation(parsed.problems);
      const outcome: AcceptOutcome = await this.tracking.accept({
        endpoint: `/v1/${endpoint}`,
        calls: parsed.value.batch,
        bodyBytes: bodyBytesOf(request),
        reception: {
          sourceId: source.sourceId,
          receivedAt: new Date(),
          batchSentAt: parsed.value.sentAt,
          batchContext: parsed.value.context,
        },
      });
      if (outcome.rejected.length === parsed.value.batch.length)
        throw IngestHttpError.validation(batchProblems(outcome.rejected));
      return { success: true, ...outcome };
    });
  }

  private async timed<T>(endpoint: string, run: () => Promise<T>): Promise<T> {
    const stop = this.duration.startTimer({ endpoint });
    try {
      const result = await run();
      stop({ status: '200' });
      return result;
    } catch (error) {
      stop({ status: String(error instanceof IngestHttpError ? error.status : 500) });
      throw error;
    }
  }
}
