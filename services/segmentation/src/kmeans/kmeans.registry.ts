import { Injectable } from '@nestjs/common';
import type { KMeansAssigner } from './kmeans-model';

/** The k-means version the live path assigns with; swapped in place when a newer one is stored. */
@Injectable()
export class KMeansRegistry {
  private assigner: KMeansAssigner | undefined;
  private versionNumber = 0;
  private newUsers = 0;
  private newUsersListener: ((count: number) => void) | undefined;

  get current(): KMeansAssigner | undefined {
    return this.assigner;
  }

  get version(): number {
    return this.versionNumber;
  }

  /** Keeps the newer of the current and the offered version (a slow poll never swaps back). */
  offer(version: number, assigner: KMeansAssigner): boolean {
    if (version <= this.versionNumber) return false;
    this.versionNumber = version;
    this.assigner = assigner;
    return true;
  }

  /** Counts users who got their first profile since the last training (for the after-N-users trigger). */
  addNewUsers(count: number): void {
    if (count === 0) return;
    this.newUsers += count;
    this.newUsersListener?.(this.newUsers);
  }

  resetNewUsers(): void {
    this.newUsers = 0;
  }

  onNewUsers(listener: (count: number) => void): void {
    this.newUsersListener = listener;
  }
}
