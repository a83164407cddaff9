import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { IngestConfig } from '../config';
import { INGEST_CONFIG } from '../ingest.tokens';
import { IngestHttpError } from './ingest-http.error';

/** The admin API answers only `Authorization: Bearer <INGEST_ADMIN_TOKEN>`; unset token, no admin API. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(INGEST_CONFIG) private readonly config: IngestConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.INGEST_ADMIN_TOKEN;
    if (!expected) {
      throw new IngestHttpError(
        403,
        'ADMIN_API_DISABLED',
        'the admin API is disabled: set INGEST_ADMIN_TOKEN to enable it',
      );
    }
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const wanted = Buffer.from(expected);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw new IngestHttpError(
        401,
        'INVALID_ADMIN_TOKEN',
        'send the admin token as Authorization: Bearer <INGEST_ADMIN_TOKEN>',
      );
    }
    return true;
  }
}
