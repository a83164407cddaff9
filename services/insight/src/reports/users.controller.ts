import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { HttpProblem } from '@userops/service-host';
import { InsightReportService, type UserInsights } from './insight-report.service';

@ApiTags('insights')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly reports: InsightReportService) {}

  @Get(':userId/insights')
  @ApiOperation({
    summary: "A user's sentiment (mean, EWMA, trend), topics, keywords, current segment and recent texts.",
  })
  @ApiParam({ name: 'userId' })
  @ApiOkResponse({ description: "The user's insights." })
  @ApiNotFoundResponse({ description: 'insight has no text and no segment for this user.' })
  async userInsights(@Param('userId') userId: string): Promise<UserInsights> {
    const insights = await this.reports.userInsights(userId);
    if (!insights)
      throw HttpProblem.notFound('USER_NOT_FOUND', `insight knows no text or segment of user ${userId}`);
    return insights;
  }
}
