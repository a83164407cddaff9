import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { segmentModels } from '@userops/contracts';
import { HttpProblem } from '@userops/service-host';
import type { ModelRow } from '../persistence/segmentation.repository';
import {
  type SegmentListing,
  type SegmentMembers,
  SegmentQueryService,
  type UserSegments,
} from './segment-query.service';

@ApiTags('segments')
@Controller('v1')
export class SegmentsController {
  constructor(private readonly queries: SegmentQueryService) {}

  @Get('users/:userId/segments')
  @ApiOperation({ summary: "A user's live features, traits and current segment per model." })
  @ApiOkResponse({ description: 'Features in original units, measured against the segmentation clock.' })
  @ApiNotFoundResponse({ description: 'No event of this user was seen (or the user was deleted).' })
  async userSegments(@Param('userId') userId: string): Promise<UserSegments> {
    const found = await this.queries.userSegments(userId);
    if (!found)
      throw HttpProblem.notFound('USER_NOT_FOUND', `segmentation has seen no event of user ${userId}`);
    return found;
  }

  @Get('segments')
  @ApiOperation({ summary: 'Every segment per model with its size and a description in business terms.' })
  segments(): Promise<SegmentListing[]> {
    return this.queries.segments();
  }

  @Get('segments/:model/:segmentId/members')
  @ApiOperation({ summary: "A segment's members, a page at a time in userId order." })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  members(
    @Param('model') model: string,
    @Param('segmentId') segmentId: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<SegmentMembers> {
    if (!(segmentModels as readonly string[]).includes(model))
      throw HttpProblem.validation([
        { path: 'model', message: `must be one of ${segmentModels.join(', ')}` },
      ]);
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 1000)
      throw HttpProblem.validation([{ path: 'limit', message: 'must be an integer from 1 to 1000' }]);
    return this.queries.members(model, segmentId, cursor ?? '', size);
  }

  @Get('models')
  @ApiOperation({
    summary: 'Every model version (RFM cut points, k-means, churn) with its metrics, newest first.',
  })
  models(): Promise<ModelRow[]> {
    return this.queries.models();
  }
}
