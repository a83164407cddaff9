import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { HttpProblem } from '@userops/service-host';
import { InsightReportService, type SegmentInsights, type SegmentListing } from './insight-report.service';

@ApiTags('insights')
@Controller('v1/segments')
export class SegmentsController {
  constructor(private readonly reports: InsightReportService) {}

  @Get()
  @ApiOperation({ summary: 'Segments that have texts, with text and author counts and mean sentiment.' })
  @ApiOkResponse({
    description: 'Largest segments first; texts of users without a segment count under "unassigned".',
  })
  segments(): Promise<SegmentListing[]> {
    return this.reports.segments();
  }

  @Get(':segmentId/insights')
  @ApiOperation({
    summary: "A segment's sentiment (mean, EWMA, trend), top topics, keywords and example texts.",
  })
  @ApiParam({ name: 'segmentId' })
  @ApiOkResponse({ description: "The segment's insight summary." })
  @ApiNotFoundResponse({ description: 'No text was counted under this segment.' })
  async segmentInsights(@Param('segmentId') segmentId: string): Promise<SegmentInsights> {
    const insights = await this.reports.segmentInsights(segmentId);
    if (!insights)
      throw HttpProblem.notFound('SEGMENT_NOT_FOUND', `no text was counted under segment ${segmentId}`);
    return insights;
  }
}
