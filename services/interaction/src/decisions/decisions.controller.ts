import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseWith } from '@userops/contracts';
import { HttpProblem } from '@userops/service-host';
import { decisionRequest, type DecisionResponse, type LoggedDecisionView } from './decision.schema';
import { DecisionService } from './decision.service';

@ApiTags('decisions')
@Controller('v1/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Choose an action for a user at a decision point. Context = projected features and segments, overridden/extended by `context`; missing features are 0. A user erased by user-deleted.v1 gets 410 USER_DELETED (nothing is decided or logged).',
  })
  async decide(@Body() body: unknown): Promise<DecisionResponse> {
    const parsed = parseWith(decisionRequest, body);
    if (!parsed.ok) throw HttpProblem.validation(parsed.problems);
    const { decisionId, actionId, payload, propensity } = await this.decisions.decide(parsed.value);
    return { decisionId, actionId, payload, propensity };
  }

  @Get(':decisionId')
  @ApiOperation({
    summary: 'A logged decision with its joined rewards and, once closed, the reward applied.',
  })
  find(@Param('decisionId') decisionId: string): Promise<LoggedDecisionView> {
    return this.decisions.find(decisionId);
  }
}
