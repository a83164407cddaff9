-- Up Migration
-- interaction's projection of userops.insight.v1: each user's latest per-text sentiment, kept
-- next to user_profiles so a decision reads its whole context in one query. occurred_at and
-- insight_event_id order the insights, so an older or redelivered one never replaces a newer one.
create table user_sentiments (
  user_id text primary key,
  sentiment double precision not null,
  occurred_at timestamptz not null,
  insight_event_id text not null
);

-- Down Migration
drop table user_sentiments;
