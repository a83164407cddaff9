-- Up Migration
-- Labelled examples product teams add through the admin API; a retrain uses them together with
-- the starter examples shipped in libs/nlp/data/topic-examples.json.
create table topic_examples (
  example_id uuid primary key,
  text text not null,
  -- Label names, e.g. ["billing-dispute"]; a label not in the starter set is a new label.
  labels jsonb not null check (jsonb_typeof(labels) = 'array' and jsonb_array_length(labels) > 0),
  created_at timestamptz not null default now()
);
create index topic_examples_labels on topic_examples using gin (labels);

-- Every trained topic model version, with the figures of its held-out evaluation. Version 0 is
-- never stored: it names the model shipped in libs/nlp/models/topic-model.json.
create table topic_models (
  version integer primary key check (version > 0),
  -- TopicClassifier.toJson(): the whole model, loaded by every replica that activates it.
  model jsonb not null,
  -- The model's content hash (the `models.topics` of each analysis it produced).
  model_id text not null,
  labels jsonb not null,
  -- Held-out per-label precision/recall/F1, macro-F1 and the cross-validated settings.
  metrics jsonb not null,
  -- Example counts: starter, team, total after de-duplication, train and test split sizes.
  examples jsonb not null,
  training_ms integer not null,
  created_at timestamptz not null default now()
);

-- The one version every replica serves (null: the shipped model). Replicas poll this row.
create table topic_model_activation (
  singleton boolean primary key default true check (singleton),
  version integer references topic_models (version),
  activated_at timestamptz not null default now()
);
insert into topic_model_activation (singleton, version) values (true, null);

-- Down Migration
drop table topic_model_activation;
drop table topic_models;
drop table topic_examples;
