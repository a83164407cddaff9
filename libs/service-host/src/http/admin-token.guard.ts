import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './http-problem';

/** What a service's admin API checks: the configured token and the variable that sets it. */
export interface AdminTokenSetting {
  token: string | undefined;
  variable: string;
}

export const ADMIN_TOKEN = Symbol('userops.admin-token');

/**
 * Admin endpoints answer only `Authorization: Bearer <token>` (compared in constant time); with no
 * token configured the admin API is off (403 naming the variable to set).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(ADMIN_TOKEN) private readonly setting: AdminTokenSetting) {}

  canActivate(context: ExecutionContext): boolean {
    const { token, variable } = this.setting;
    if (!token)
      throw new HttpProblem(
        403,
        'ADMIN_API_DISABLED',
        `the admin API is disabled: set ${variable} to enable it`,
      );
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw new HttpProblem(
        401,
        'INVALID_ADMIN_TOKEN',
        `send the admin token as Authorization: Bearer <${variable}>`,
      );
    }
    return true;
  }
}
