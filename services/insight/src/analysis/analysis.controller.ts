import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseWith } from '@userops/contracts';
import { z } from 'zod';
import { HttpProblem } from '@userops/service-host';
import { TextAnalysisService, type VersionedAnalysis } from './text-analysis.service';

const analyseBody = z.object({ text: z.string({ message: 'is required and must be a string' }) });

/** Synchronous analysis of one text, for tools and tests; nothing is stored or emitted. */
@ApiTags('analysis')
@Controller('v1/analyse')
export class AnalysisController {
  constructor(private readonly analysis: TextAnalysisService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Analyse a text: language, sentiment in [-1, 1], topics and keywords.' })
  @ApiBody({ schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } })
  @ApiOkResponse({
    description: 'The analysis (status "analysed"), with topicModelVersion (0: the shipped topic model).',
  })
  @ApiBadRequestResponse({
    description:
      'Bad body, or a text the guard refuses (empty, too large, binary), with {path, message} problems.',
  })
  async analyse(@Body() body: unknown): Promise<Extract<VersionedAnalysis, { status: 'analysed' }>> {
    const parsed = parseWith(analyseBody, body ?? {});
    if (!parsed.ok) throw HttpProblem.validation(parsed.problems);
    const result = await this.analysis.analyseOnDemand(parsed.value.text);
    if (result.status === 'rejected') {
      throw HttpProblem.validation([{ path: 'text', message: result.message }], result.code);
    }
    return result;
  }
}
