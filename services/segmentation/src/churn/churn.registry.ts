import { Injectable } from '@nestjs/common';
import type { ChurnScorer } from './churn-model';

/** The churn version the live path scores with; swapped in place when a newer one is stored. */
@Injectable()
export class ChurnRegistry {
  private scorer: ChurnScorer | undefined;
  private versionNumber = 0;

  get current(): ChurnScorer | undefined {
    return this.scorer;
  }

  get version(): number {
    return this.versionNumber;
  }

  /** Keeps the newer of the current and the offered version (a slow poll never swaps back). */
  offer(version: number, scorer: ChurnScorer): boolean {
    if (version <= this.versionNumber) return false;
    this.versionNumber = version;
    this.scorer = scorer;
    return true;
  }
}
