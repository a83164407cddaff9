import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parseWith } from '@userops/contracts';
import { AdminTokenGuard, HttpProblem } from '@userops/service-host';
import { evaluationRequest, evaluationRequestJsonSchema } from './evaluation.schema';
import { type PolicyEvaluation, PolicyEvaluationService } from './policy-evaluation.service';
import { decisionPointAdminPaths } from '../decision-points/admin-paths';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller(decisionPointAdminPaths)
export class EvaluationsController {
  constructor(private readonly evaluations: PolicyEvaluationService) {}

  @Post(':name/evaluations')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Off-policy evaluation of a candidate policy on the decision point's closed decisions: IPS, SNIPS and doubly robust, each with its 95% bootstrap interval and effective sample size, next to the logging policy's observed value.",
  })
  @ApiBody({ schema: evaluationRequestJsonSchema })
  @ApiResponse({ status: 400, description: 'Invalid body: every problem with its field path.' })
  @ApiResponse({ status: 404, description: 'DECISION_POINT_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'NO_CLOSED_DECISIONS: nothing to evaluate yet.' })
  async evaluate(@Param('name') name: string, @Body() body: unknown): Promise<PolicyEvaluation> {
    const parsed = parseWith(evaluationRequest, body ?? {});
    if (!parsed.ok) throw HttpProblem.validation(parsed.problems);
    return this.evaluations.evaluate(name, parsed.value);
  }
}
