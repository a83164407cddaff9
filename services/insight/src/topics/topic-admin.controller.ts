import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { parseWith } from '@userops/contracts';
import { AdminTokenGuard, HttpProblem } from '@userops/service-host';
import type { z } from 'zod';
import type { InsightConfig } from '../config';
import { INSIGHT_CONFIG } from '../insight.tokens';
import {
  addExamplesBody,
  exampleIdParam,
  listExamplesQuery,
  maxExamplesPerRequest,
  retrainBody,
  versionParam,
} from './topic-admin.schemas';
import { type TopicExampleListing, TopicExamplesService } from './topic-examples.service';
import type { StoredTopicExample, TopicModelActivation } from './topic-model.repository';
import { type RetrainedTopicModel, type TopicModelHistory, TopicModelService } from './topic-model.service';

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const outcome = parseWith(schema, input ?? {});
  if (!outcome.ok) throw HttpProblem.validation(outcome.problems);
  return outcome.value;
}

/** Topic model management: teams teach the classifier with examples, retrain, and roll back. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong Authorization: Bearer <INSIGHT_ADMIN_TOKEN>.' })
@UseGuards(AdminTokenGuard)
@Controller('admin/topics')
export class TopicAdminController {
  private readonly addExamples: ReturnType<typeof addExamplesBody>;

  constructor(
    @Inject(INSIGHT_CONFIG) config: InsightConfig,
    private readonly examples: TopicExamplesService,
    private readonly models: TopicModelService,
  ) {
    this.addExamples = addExamplesBody(config.INSIGHT_MAX_TEXT_BYTES);
  }

  @Post('examples')
  @ApiOperation({
    summary: `Add up to ${maxExamplesPerRequest} labelled examples; a new label name adds a label at the next retrain.`,
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['examples'],
      properties: {
        examples: {
          type: 'array',
          items: {
            type: 'object',
            required: ['text', 'labels'],
            properties: { text: { type: 'string' }, labels: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
  })
  @ApiCreatedResponse({ description: '{added: [{id, text, labels, createdAt}]}' })
  @ApiBadRequestResponse({ description: 'Bad body, with {path, message} problems.' })
  async add(@Body() body: unknown): Promise<{ added: StoredTopicExample[] }> {
    return { added: await this.examples.add(parsed(this.addExamples, body).examples) };
  }

  @Get('examples')
  @ApiOperation({
    summary: 'Team examples newest first (?label=&limit=&offset=), with every label and its counts.',
  })
  @ApiOkResponse({ description: '{examples, total, labels: [{label, starterExamples, teamExamples}]}' })
  list(@Query() query: unknown): Promise<TopicExampleListing> {
    return this.examples.list(parsed(listExamplesQuery, query));
  }

  @Delete('examples/:exampleId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a team example (it stops counting at the next retrain).' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiNotFoundResponse({ description: 'No example has this id.' })
  async remove(@Param() params: unknown): Promise<void> {
    await this.examples.remove(parsed(exampleIdParam, params).exampleId);
  }

  @Post('retrain')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Train on starter + team examples, evaluate on a held-out split, store as a new version and (unless activate is false) serve it on every replica.',
  })
  @ApiBody({ required: false, schema: { type: 'object', properties: { activate: { type: 'boolean' } } } })
  @ApiOkResponse({
    description: 'The stored version with per-label precision/recall/F1, macro-F1 and counts.',
  })
  @ApiConflictResponse({ description: 'A retrain is already running on this replica (RETRAIN_IN_PROGRESS).' })
  @ApiUnprocessableEntityResponse({ description: 'A label has too few examples (TOO_FEW_EXAMPLES).' })
  retrain(@Body() body: unknown): Promise<RetrainedTopicModel> {
    return this.models.retrain(parsed(retrainBody, body).activate);
  }

  @Get('models')
  @ApiOperation({
    summary: 'Every topic model version with its figures, the active one and the one this replica serves.',
  })
  @ApiOkResponse({ description: '{active, served, versions}; version 0 is the shipped model.' })
  history(): Promise<TopicModelHistory> {
    return this.models.history();
  }

  @Post('models/:version/activate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Serve this version on every replica (0: the shipped model); rolls back or forward.',
  })
  @ApiOkResponse({ description: '{version, activatedAt, modelId}' })
  @ApiNotFoundResponse({ description: 'No such version.' })
  activate(@Param() params: unknown): Promise<TopicModelActivation & { modelId: string }> {
    return this.models.activate(parsed(versionParam, params).version);
  }
}
