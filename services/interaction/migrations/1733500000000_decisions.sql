-- Up Migration
-- Decision points: the configuration the admin API writes (see src/decision-points).
create table decision_points (
  name text primary key,
  config jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The decision log: what was chosen, for which context, with which propensity (needed for OPE).
-- reward_* accumulate joined rewards until the window closes; applied_reward is what the policy
-- learned from, applied_version the policy version that update produced (replay order).
create table decisions (
  id uuid primary key,
  user_id text not null,
  decision_point text not null,
  context jsonb not null,
  action_id text not null,
  propensity double precision not null,
  policy text not null,
  model_version text not null,
  created_at timestamptz not null default now(),
  reward_due_at timestamptz not null,
  reward_total double precision not null default 0,
  reward_count integer not null default 0,
  first_reward double precision,
  closed_at timestamptz,
  applied_reward double precision,
  applied_version integer
);
create index decisions_open on decisions (reward_due_at) where closed_at is null;
create index decisions_closed_unapplied on decisions (decision_point) where closed_at is not null and applied_version is null;
create index decisions_user on decisions (user_id);

-- Each reward event joined to a decision (one row per (decision, event)).
create table decision_rewards (
  decision_id uuid not null references decisions (id) on delete cascade,
  event_id text not null,
  reward double precision not null,
  received_at timestamptz not null default now(),
  primary key (decision_id, event_id)
);

-- Versioned copies of the Redis policy state; the latest is the reload point when Redis lacks it.
create table policy_snapshots (
  decision_point text not null,
  version integer not null,
  state jsonb not null,
  created_at timestamptz not null default now(),
  primary key (decision_point, version)
);

-- interaction's own projection of userops.profiles.v1 (features and segments per user).
create table user_profiles (
  user_id text primary key,
  features jsonb not null,
  segments jsonb not null,
  updated_at timestamptz not null
);

-- action.v1 events emitted by rules, one per segment-changed event; kept to re-send identically
-- when the replica died between commit and send (sent_at still null).
create table rule_actions (
  source_event_id text not null,
  rule text not null,
  action_event jsonb not null,
  sent_at timestamptz,
  primary key (source_event_id, rule)
);

-- Down Migration
drop table rule_actions;
drop table user_profiles;
drop table policy_snapshots;
drop table decision_rewards;
drop table decisions;
drop table decision_points;
