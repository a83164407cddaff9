-- Up Migration
-- Projection of segmentation's segment-changed.v1: each user's current segment per model.
-- Kept for every model so that switching INSIGHT_SEGMENT_MODEL needs no replay.
create table user_segments (
  user_id text not null,
  model text not null,
  segment_id text,
  -- occurredAt of the event that set the row: an older event arriving late does not win.
  changed_at timestamptz not null,
  source_event_id uuid not null,
  primary key (user_id, model)
);

-- One row per text-carrying event: the analysis, or the guard's rejection code.
create table text_analyses (
  event_id uuid primary key,
  -- Processing order: aggregates are a fold in this order, so they can be rebuilt from here.
  seq bigserial not null unique,
  user_id text not null,
  -- The segment the text counted under when it arrived ('unassigned' when none was known).
  segment_id text not null,
  event_name text,
  status text not null check (status in ('analysed', 'rejected')),
  -- Null for rejections: a huge or binary payload is not worth keeping.
  text text,
  rejection_code text,
  rejection_message text,
  language text,
  sentiment double precision,
  topics jsonb not null default '[]',
  keywords jsonb not null default '[]',
  warnings jsonb not null default '[]',
  alerts jsonb not null default '[]',
  models jsonb,
  -- The insight events of this text, re-sent as they are when the envelope is redelivered
  -- (a crash between commit and Kafka's acknowledgement must not lose them).
  emitted jsonb not null default '[]',
  occurred_at timestamptz not null,
  analysed_at timestamptz not null default now()
);
create index text_analyses_user on text_analyses (user_id, seq);
create index text_analyses_segment on text_analyses (segment_id, seq);

-- Rolling aggregates (see src/aggregation/insight.aggregate.ts) per user and per segment.
create table insight_aggregates (
  scope text not null check (scope in ('user', 'segment')),
  subject_id text not null,
  state jsonb not null,
  analysed_texts integer not null default 0,
  rejected_texts integer not null default 0,
  sentiment_mean double precision,
  updated_at timestamptz not null default now(),
  primary key (scope, subject_id)
);

-- Down Migration
drop table insight_aggregates;
drop table text_analyses;
drop table user_segments;
