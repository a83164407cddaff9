import { Injectable, Logger } from '@nestjs/common';
import { SegmentationRepository } from '../persistence/segmentation.repository';
import { type RfmCuts, rfmCutsOf, rfmTiers } from './rfm-tiers';

export interface RfmModel {
  version: string;
  cuts: RfmCuts;
  populationSize: number;
}

export interface RfmPopulationMember {
  recency: number;
  frequency: number;
  monetary: number;
}

const sameCuts = (a: RfmCuts, b: RfmCuts) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The current RFM cut points. Each recompute that moves a cut point is stored as a new model
 * version (segment_models), so segment-changed events name the cut points that produced them.
 */
@Injectable()
export class RfmModelService {
  private readonly logger = new Logger('rfm');
  private model: RfmModel | undefined;

  constructor(private readonly repository: SegmentationRepository) {}

  get current(): RfmModel | undefined {
    return this.model;
  }

  async recompute(population: readonly RfmPopulationMember[]): Promise<RfmModel> {
    const cuts = rfmCutsOf(population);
    if (this.model && sameCuts(this.model.cuts, cuts)) return this.model;
    const latest = await this.repository.latestModel('rfm');
    const latestCuts = (latest?.params as { cuts?: RfmCuts } | undefined)?.cuts;
    const stored =
      latest && latestCuts && sameCuts(latestCuts, cuts)
        ? latest
        : await this.repository.insertModel(
            'rfm',
            { cuts },
            { populationSize: population.length },
            rfmTiers,
            population.length,
          );
    this.model = { version: `rfm-v${stored.version}`, cuts, populationSize: population.length };
    this.logger.log(`RFM cut points ${this.model.version} over ${population.length} users`);
    return this.model;
  }
}
