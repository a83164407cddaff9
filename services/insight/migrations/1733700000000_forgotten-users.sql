-- Up Migration
-- Users erased by user-deleted.v1, recorded in the transaction that deletes their data. A message
-- produced before the deletion may still be in flight on another topic (events, segment-changed)
-- and be consumed after it; every path that stores user state checks this table first and skips
-- the user, so such a message cannot bring the user back. Kept forever, like ingest's suppression
-- list: ingest never admits the user again, so no row here is ever meant to expire.
create table forgotten_users (
  user_id text primary key,
  forgotten_at timestamptz not null default now()
);

-- Down Migration
drop table forgotten_users;
