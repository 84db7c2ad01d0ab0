-- Delivery of the outbox (notifications) by email and group robots. The dispatcher workflow expands
-- each new notification into deliveries (one per recipient and channel), gathers the deliveries due
-- together into messages (a morning's reminders to one person are one message), and sends each
-- message in its own activity. All instants here come from the workflow's clock, never now(), so
-- time-skipping tests and production read the same.

-- Expanded rows get a time; the dispatcher finds the others through the partial index. Rows queued
-- before this migration were shown in the desk only: they are never sent after the fact.
alter table notifications add column delivery_expanded_at timestamptz;
update notifications set delivery_expanded_at = created_at;
create index notifications_to_expand on notifications (id) where delivery_expanded_at is null;

-- One email or one robot post. `key` is its idempotency key: the email's Message-ID and the id
-- printed in a robot post, the same on every attempt, so a receiver can count duplicates.
create table messages (
  id bigserial primary key,
  key text not null unique,
  channel text not null check (channel in ('email', 'wecom', 'dingtalk', 'feishu')),
  -- the email address, or 'robot:<id>'
  target text not null,
  robot_id bigint references robots (id),
  shape text not null check (shape in ('single', 'digest')),
  urgent boolean not null default false,
  subject text not null,
  -- the items and mentions; rendered per channel when sent
  content jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts int not null default 0,
  last_attempt_at timestamptz,
  -- short, in Chinese ("签名错误"); the provider's own words are in `answer`
  last_error text,
  answer jsonb,
  sent_at timestamptz,
  created_at timestamptz not null
);
-- What to send now, urgent first; 'sending' rows not in flight are orphans of a stopped dispatcher.
create index messages_to_send on messages (urgent desc, id) where status in ('pending', 'sending');

create table deliveries (
  id bigserial primary key,
  notification_id bigint not null references notifications (id),
  campaign_id text not null references campaigns (id),
  problem_no int,
  recipient_id text not null,
  channel text not null check (channel in ('email', 'wecom', 'dingtalk', 'feishu')),
  -- the address, or 'robot:<id>'; '' when the chosen channel has no address to go to
  target text not null,
  robot_id bigint references robots (id),
  -- the chat id a robot post @mentions
  mention text,
  -- deliveries with the same batch are sent as one message (a digest, or one robot post to a group)
  batch text not null,
  status text not null check (status in ('pending', 'sending', 'sent', 'failed', 'deferred')),
  urgent boolean not null default false,
  not_before timestamptz not null,
  message_id bigint references messages (id),
  attempts int not null default 0,
  last_error text,
  answer jsonb,
  sent_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (notification_id, recipient_id, channel)
);
-- Deliveries not yet gathered into a message, by when they fall due.
create index deliveries_to_compose on deliveries (not_before) include (batch) where message_id is null and status in ('pending', 'deferred');
create index deliveries_by_batch on deliveries (batch) where message_id is null;
create index deliveries_by_message on deliveries (message_id);
-- Lists: a campaign's deliveries by problem, and its failures (CLI, the desk's 发送情况).
create index deliveries_by_campaign on deliveries (campaign_id, problem_no, id);
create index deliveries_failed on deliveries (campaign_id, id) where status = 'failed';
