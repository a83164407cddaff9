import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import type { InteractionConfig } from '../config';
import type { DecisionPointConfig } from '../decision-points/decision-point.schema';
import { DecisionPointService } from '../decision-points/decision-point.service';
import { INTERACTION_CONFIG } from '../interaction.tokens';
import { inTransaction } from '@userops/storage';
import { PolicyStore } from '../policy/policy-store';
import { finalReward } from './reward-aggregation';

/**
 * Every INTERACTION_CLOSE_INTERVAL_MS: closes the decisions whose reward window (plus
 * INTERACTION_CLOSE_GRACE_SECONDS) has passed,
 * fixing their final reward (aggregate of the joined rewards, or the point's default), then has
 * the policy learn each closed decision once (PolicyStore.applyClosed).
 *
 * One design for both aggregations: the policy learns at window close, also for `earliest`
 * (which then uses the first joined reward). That keeps exactly one update per decision.
 * Closing is exactly once across replicas: rows are taken `for update skip locked` and updated
 * `where closed_at is null` in one transaction.
 */
@Injectable()
export class DecisionCloser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('decision-closer');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly decisionPoints: DecisionPointService,
    private readonly policies: PolicyStore,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error: unknown) =>
          this.logger.warn(`closing pass failed, retried next tick: ${String(error)}`),
        )
        .finally(() => (this.running = undefined));
    }, this.config.INTERACTION_CLOSE_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    await this.closeExpired();
    const { rows } = await this.pool.query<{ decision_point: string }>(
      'select distinct decision_point from decisions where closed_at is not null and applied_version is null',
    );
    for (const row of rows) {
      const point = await this.decisionPoints.find(row.decision_point);
      if (point) await this.policies.applyClosed(point);
    }
  }

  /** Closes up to 1000 expired decisions; returns how many. */
  async closeExpired(): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{
        id: string;
        reward_count: number;
        reward_total: number;
        first_reward: number | null;
        config: DecisionPointConfig;
      }>(
        `select d.id, d.reward_count, d.reward_total, d.first_reward, p.config
           from decisions d join decision_points p on p.name = d.decision_point
          where d.closed_at is null and d.reward_due_at <= now() - make_interval(secs => $1)
          order by d.reward_due_at limit 1000
          for update of d skip locked`,
        [this.config.INTERACTION_CLOSE_GRACE_SECONDS],
      );
      if (rows.length === 0) return 0;
      const rewards = rows.map((row) =>
        finalReward(
          row.config.rewardAggregation,
          { count: row.reward_count, total: row.reward_total, first: row.first_reward },
          row.config.defaultReward,
        ),
      );
      await client.query(
        `update decisions d set closed_at = now(), applied_reward = c.reward
           from unnest($1::uuid[], $2::float8[]) as c(id, reward)
          where d.id = c.id and d.closed_at is null`,
        [rows.map((row) => row.id), rewards],
      );
      return rows.length;
    });
  }
}
