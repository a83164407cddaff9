-- Up Migration
-- A source is one sending application; its write keys are stored only as SHA-256 hashes.
create table sources (
  id uuid primary key,
  name text not null unique,
  created_at timestamptz not null default now()
);

create table write_keys (
  id uuid primary key,
  source_id uuid not null references sources (id) on delete cascade,
  key_hash text not null unique,
  key_prefix text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index write_keys_source on write_keys (source_id);

-- Users whose deletion was requested: their later events are acknowledged and dropped.
create table deleted_users (
  user_id text primary key,
  requested_at timestamptz not null default now(),
  requested_by text not null
);

-- Down Migration
drop table deleted_users;
drop table write_keys;
drop table sources;
