import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { actionEvent, type ActionEvent, type SegmentChangedEvent, type TopicMap } from '@userops/contracts';
import type { EventProducer } from '@userops/messaging';
import { EVENT_PRODUCER, PG_POOL } from '@userops/service-host';
import type { Pool } from 'pg';
import type { InteractionConfig, SegmentRule } from '../config';
import { DecisionService } from '../decisions/decision.service';
import { INTERACTION_CONFIG, INTERACTION_TOPICS } from '../interaction.tokens';
import { forgottenUser, inUserTransaction } from '@userops/storage';

export interface RuleOutcome {
  /** The action.v1 events sent (or re-sent) for this segment change. */
  actions: ActionEvent[];
  /** The user was erased before this (older) change was consumed: nothing decided or sent. */
  forgottenUser: boolean;
}

/**
 * Rules "on segment-changed into X (model m), decide at D": one decision and one action.v1 per
 * (segment-changed event, rule). The decision, its log row and the event to send commit together
 * under the key (source eventId, rule). A redelivery decides nothing again; it re-sends the stored
 * event (same eventId, so downstream can dedupe) only when the first send was not confirmed.
 * A change for an erased user (produced before the deletion, consumed after it) decides nothing.
 */
@Injectable()
export class SegmentRuleService {
  constructor(
    @Inject(INTERACTION_CONFIG) private readonly config: InteractionConfig,
    @Inject(INTERACTION_TOPICS) private readonly topics: TopicMap,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_PRODUCER) private readonly producer: EventProducer,
    private readonly decisions: DecisionService,
  ) {}

  matching(event: SegmentChangedEvent): SegmentRule[] {
    return this.config.INTERACTION_RULES.filter(
      (rule) =>
        rule.model === event.model && rule.segment === event.current && event.previous !== event.current,
    );
  }

  async handle(event: SegmentChangedEvent): Promise<RuleOutcome> {
    const actions: ActionEvent[] = [];
    let userForgotten = false;
    for (const rule of this.matching(event)) {
      const action = await inUserTransaction(this.pool, event.userId, async (client) => {
        const { rows } = await client.query<{ action_event: ActionEvent; sent: boolean }>(
          'select action_event, sent_at is not null as sent from rule_actions where source_event_id = $1 and rule = $2',
          [event.eventId, rule.name],
        );
        if (rows[0]) return rows[0].sent ? undefined : rows[0].action_event;
        const decision = await this.decisions.decide(
          { userId: event.userId, decisionPoint: rule.decisionPoint },
          client,
        );
        const action = actionEvent.parse({
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          userId: event.userId,
          schemaVersion: 1,
          correlationId: event.correlationId,
          causationId: event.eventId,
          decisionId: decision.decisionId,
          decisionPoint: decision.decisionPoint,
          actionId: decision.actionId,
          payload: decision.payload,
          propensity: decision.propensity,
          policy: decision.policy,
          modelVersion: decision.modelVersion,
          trigger: { kind: 'rule', rule: rule.name },
        });
        await client.query(
          'insert into rule_actions (source_event_id, rule, action_event) values ($1, $2, $3)',
          [event.eventId, rule.name, JSON.stringify(action)],
        );
        return action;
      });
      if (action === forgottenUser) {
        userForgotten = true;
        break;
      }
      if (action) actions.push(action);
    }
    if (actions.length > 0) {
      await this.producer.send(
        this.topics.action,
        actions.map((action) => ({ key: action.userId, value: action })),
        actionEvent,
      );
      await this.pool.query(
        `update rule_actions set sent_at = now()
          where source_event_id = $1 and rule = any($2::text[])`,
        [event.eventId, actions.map((action) => action.trigger.rule!)],
      );
    }
    return { actions, forgottenUser: userForgotten };
  }
}
