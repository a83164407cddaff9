-- Up Migration
-- Idempotency ledger: one row per (consumer scope, message key) whose effect was applied.
create table processed_messages (
  scope text not null,
  message_key text not null,
  processed_at timestamptz not null default now(),
  primary key (scope, message_key)
);

-- Down Migration
drop table processed_messages;
