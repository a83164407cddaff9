import { Body, Controller, Get, HttpCode, Param, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseWith } from '@userops/contracts';
import type { FastifyReply } from 'fastify';
import type { PolicyState } from '@userops/bandits';
import { HttpProblem } from '@userops/service-host';
import { PolicyStore } from '../policy/policy-store';
import { AdminTokenGuard } from '@userops/service-host';
import { type DecisionPoint, decisionPointInput, decisionPointName } from './decision-point.schema';
import { DecisionPointService } from './decision-point.service';
import { decisionPointAdminPaths } from './admin-paths';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller(decisionPointAdminPaths)
export class DecisionPointsController {
  constructor(
    private readonly decisionPoints: DecisionPointService,
    private readonly policies: PolicyStore,
  ) {}

  @Put(':name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or reconfigure a decision point (201 when created).' })
  async put(
    @Param('name') name: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionPoint> {
    const validName = parseWith(decisionPointName, name);
    if (!validName.ok) throw HttpProblem.validation(validName.problems.map((p) => ({ ...p, path: 'name' })));
    const parsed = parseWith(decisionPointInput, body);
    if (!parsed.ok) throw HttpProblem.validation(parsed.problems);
    const { created, decisionPoint } = await this.decisionPoints.put(name, parsed.value);
    void reply.status(created ? 201 : 200);
    return decisionPoint;
  }

  @Get()
  @ApiOperation({ summary: 'All decision points.' })
  list(): Promise<DecisionPoint[]> {
    return this.decisionPoints.list();
  }

  @Get(':name')
  @ApiOperation({ summary: 'One decision point.' })
  get(@Param('name') name: string): Promise<DecisionPoint> {
    return this.decisionPoints.get(name);
  }

  @Get(':name/policy')
  @ApiOperation({ summary: "The decision point's current policy state (per-action models, version)." })
  async policy(@Param('name') name: string): Promise<PolicyState> {
    const point = await this.decisionPoints.get(name);
    return (await this.policies.load(point)).toState();
  }
}
