import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HttpProblem } from './http-problem';

interface FastifyError {
  statusCode?: number;
  message: string;
}

/**
 * Every error of every service answered as `{success: false, error: {code, message, problems?}}`,
 * including Fastify's own (bad JSON, body too large), so clients always get a field path and a
 * reason; Retry-After comes with 429 and 503.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, retryAfter } = this.describe(exception);
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    void reply.status(status).send({ success: false, error: body });
  }

  private describe(exception: unknown): {
    status: number;
    body: { code: string; message: string; problems?: Array<{ path: string; message: string }> };
    retryAfter?: number;
  } {
    if (exception instanceof HttpProblem) {
      return {
        status: exception.status,
        body: { code: exception.code, message: exception.message, problems: exception.problems },
        retryAfter: exception.retryAfterSeconds,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        body: {
          code: `HTTP_${status}`,
          message: exception.message,
          problems: [{ path: '(root)', message: exception.message }],
        },
      };
    }
    const fastifyError = exception as FastifyError;
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const code = fastifyError.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      return {
        status: fastifyError.statusCode,
        body: {
          code,
          message: fastifyError.message,
          problems: [{ path: '(root)', message: fastifyError.message }],
        },
      };
    }
    this.logger.error(`unexpected error: ${(exception as Error)?.stack ?? String(exception)}`);
    return { status: 500, body: { code: 'INTERNAL', message: 'unexpected error; it was logged' } };
  }
}
