-- How people are reached outside the desk, and the group chat robots of departments and the office.
-- A person id is the same in every campaign (accounts are named by it), so contacts are kept per
-- person, not per campaign: the people sheet of a new ledger or the desk's admin updates them.
create table contacts (
  person_id text primary key,
  email text,
  mobile text,
  wecom_userid text,
  dingtalk_userid text,
  feishu_open_id text,
  -- the channels the person chose ('email', 'wecom', 'dingtalk', 'feishu'); null: the defaults
  channels text[],
  updated_at timestamptz not null default now(),
  check (email is null or email ~ '^[^@\s]+@[^@\s]+$')
);

-- A group robot (群机器人) posts into a department's group chat, or the office's (department null).
-- The webhook URL carries the robot's key and the signing secret signs each message: both are kept
-- encrypted (services/secrets.ts) and never leave the server.
create table robots (
  id bigserial primary key,
  campaign_id text not null references campaigns (id),
  department text,
  provider text not null check (provider in ('wecom', 'dingtalk', 'feishu')),
  name text not null,
  webhook_enc text not null,
  secret_enc text,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (campaign_id, department) references departments (campaign_id, name)
);
-- One robot per provider per group; the office's group has no department (null is not unique).
create unique index robots_one_per_group on robots (campaign_id, coalesce(department, ''), provider);
