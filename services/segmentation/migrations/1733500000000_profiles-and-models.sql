-- Up Migration
-- One row per user: the latest flushed features (original units) and current segment per model.
-- last_event_at_ms, orders and revenue are columns so the RFM population query needs no JSON.
create table user_profiles (
  user_id text primary key,
  features jsonb not null,
  traits jsonb not null default '{}',
  segments jsonb not null default '{}',
  last_event_at_ms bigint not null,
  orders integer not null default 0,
  revenue double precision not null default 0,
  updated_at timestamptz not null default now()
);
create index user_profiles_rfm_segment on user_profiles ((segments ->> 'rfm'), user_id);
create index user_profiles_kmeans_segment on user_profiles ((segments ->> 'kmeans'), user_id);

-- Every model version: RFM cut points, k-means centroids/scaler, churn weights, with metrics.
create table segment_models (
  model text not null,
  version integer not null,
  params jsonb not null,
  metrics jsonb not null default '{}',
  segments jsonb not null default '[]',
  training_size integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (model, version)
);

-- Down Migration
drop table segment_models;
drop table user_profiles;
