import { Inject, Injectable } from '@nestjs/common';
import { BanditError } from '@userops/bandits';
import { HttpProblem, PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import { DecisionPointService } from '../decision-points/decision-point.service';
import { readDecisionLog } from '../ope/decision-log.reader';
import { evaluateLog, OpeInputError, type OpeReport, type TargetSpec } from '../ope/ope-report';
import type { EvaluationRequest } from './evaluation.schema';

/** What the evaluations endpoint answers: the OPE report plus which decisions it replayed. */
export interface PolicyEvaluation extends OpeReport {
  decisionPoint: string;
  policy: EvaluationRequest['policy'];
  params: EvaluationRequest['params'];
  decisions: { replayed: number; since: string | null; firstAt: string; lastAt: string };
  bootstrap: { resamples: number; seed: number; level: number };
}

const level = 0.95;

function targetSpecOf(request: EvaluationRequest): TargetSpec {
  switch (request.policy) {
    case 'uniform':
      return { kind: 'uniform' };
    case 'linucb':
      return { kind: 'linucb', ...request.params };
    case 'thompson':
      return { kind: 'thompson', ...request.params };
    case 'epsilon-greedy':
      return { kind: 'epsilon-greedy', ...request.params };
  }
}

/**
 * Off-policy evaluation of a candidate policy on a decision point's closed decisions, with the
 * same log reader and estimators as the `ope` CLI (src/ope), so both answer the same for the same
 * log. Runs on the event loop: the request schema bounds the decisions and resamples.
 */
@Injectable()
export class PolicyEvaluationService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly decisionPoints: DecisionPointService,
  ) {}

  async evaluate(name: string, request: EvaluationRequest): Promise<PolicyEvaluation> {
    const point = await this.decisionPoints.get(name);
    const since = request.since === undefined ? undefined : new Date(request.since);
    try {
      const log = await readDecisionLog(this.pool, point.name, { since, limit: request.limit });
      const report = evaluateLog(log, targetSpecOf(request), request.bootstrap);
      return {
        decisionPoint: point.name,
        policy: request.policy,
        params: request.params,
        decisions: {
          replayed: log.records.length,
          since: since?.toISOString() ?? null,
          firstAt: log.firstDecisionAt,
          lastAt: log.lastDecisionAt,
        },
        bootstrap: { ...request.bootstrap, level },
        ...report,
      };
    } catch (error) {
      if (error instanceof OpeInputError && error.code === 'NO_CLOSED_DECISIONS')
        throw new HttpProblem(422, error.code, error.message);
      if (error instanceof OpeInputError || error instanceof BanditError)
        throw new HttpProblem(422, error.code, `the log cannot be evaluated: ${error.message}`);
      throw error;
    }
  }
}
