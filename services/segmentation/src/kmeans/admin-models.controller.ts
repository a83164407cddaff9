import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '@userops/service-host';
import { ChurnModelService, type ChurnRetrainResult } from '../churn/churn-model.service';
import { KMeansModelService, type RetrainResult } from './kmeans-model.service';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('admin/models')
export class AdminModelsController {
  constructor(
    private readonly kmeans: KMeansModelService,
    private readonly churn: ChurnModelService,
  ) {}

  @Post('kmeans/retrain')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Train a new k-means version on current profiles, hot-swap it and reassign users.',
  })
  @ApiOkResponse({ description: 'The stored version with k, silhouette, inertia, elbow curve and segments.' })
  @ApiConflictResponse({ description: 'Too few users with profiles to train (NOT_ENOUGH_USERS).' })
  retrain(): Promise<RetrainResult> {
    return this.kmeans.retrain();
  }

  @Post('churn/retrain')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Train a churn model (held-out precision/recall/F1/AUC), hot-swap it and re-score users.',
  })
  @ApiConflictResponse({ description: 'Not enough history with both outcomes (NOT_ENOUGH_HISTORY).' })
  retrainChurn(): Promise<ChurnRetrainResult> {
    return this.churn.retrain();
  }
}
