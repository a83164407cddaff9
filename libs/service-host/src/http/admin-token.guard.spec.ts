import type { ExecutionContext } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { HttpProblem } from './http-problem';

function requestWith(authorization?: string): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ headers: { authorization } }) }),
  } as unknown as ExecutionContext;
}

function refusal(guard: AdminTokenGuard, authorization?: string): HttpProblem {
  try {
    guard.canActivate(requestWith(authorization));
  } catch (error) {
    return error as HttpProblem;
  }
  throw new Error('the guard let the request through');
}

describe('AdminTokenGuard', () => {
  const guard = new AdminTokenGuard({ token: 'a-long-admin-token-123', variable: 'X_ADMIN_TOKEN' });

  it('lets the configured bearer token through', () => {
    expect(guard.canActivate(requestWith('Bearer a-long-admin-token-123'))).toBe(true);
  });

  it('answers 401 for a missing or wrong token, naming the variable', () => {
    for (const header of [
      undefined,
      'Bearer wrong',
      'Bearer a-long-admin-token-1234',
      'Basic a-long-admin-token-123',
    ]) {
      const problem = refusal(guard, header);
      expect([problem.status, problem.code, problem.message]).toEqual([
        401,
        'INVALID_ADMIN_TOKEN',
        'send the admin token as Authorization: Bearer <X_ADMIN_TOKEN>',
      ]);
    }
  });

  it('answers 403 when no token is configured: the admin API is off', () => {
    const off = new AdminTokenGuard({ token: undefined, variable: 'X_ADMIN_TOKEN' });
    const problem = refusal(off, 'Bearer anything');
    expect([problem.status, problem.code]).toEqual([403, 'ADMIN_API_DISABLED']);
    expect(problem.message).toContain('set X_ADMIN_TOKEN');
  });
});
