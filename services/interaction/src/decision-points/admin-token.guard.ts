import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { InteractionConfig } from '../config';
import { HttpProblem } from '@userops/service-host';
import { INTERACTION_CONFIG } from '../interaction.tokens';

/** `Authorization: Bearer <INTERACTION_ADMIN_TOKEN>`; compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.INTERACTION_ADMIN_TOKEN;
    if (!expected)
      throw new HttpProblem(403, 'ADMIN_DISABLED', 'the admin API is disabled: set INTERACTION_ADMIN_TOKEN');
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
    const wanted = Buffer.from(expected);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
      throw new HttpProblem(401, 'UNAUTHORIZED', 'send Authorization: Bearer <admin token>');
    return true;
  }
}
