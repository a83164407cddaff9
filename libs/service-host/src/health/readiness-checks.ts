import { Injectable } from '@nestjs/common';
import type { DependencyHealth } from '@userops/storage';

export type ReadinessCheck = () => Promise<DependencyHealth>;

/** What /readyz asks: each dependency the service cannot work without registers a check here. */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): Array<[string, ReadinessCheck]> {
    return [...this.checks.entries()];
  }
}
