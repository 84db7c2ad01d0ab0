-- The projection of the workflows' state, the audit trail and the notification outbox.
-- Temporal holds the truth; these tables are what reports, the CLI and robots read.

create table campaigns (
  id text primary key,
  name text not null,
  organisation text not null,
  inspection_team text not null,
  inspection_start date not null,
  inspection_end date not null,
  feedback_date date not null,
  concentrated_period_end date not null,
  leading_group jsonb not null,
  policy jsonb not null,
  -- sha256 of the parsed ledger: loading the same ledger twice is recognised, a different one refused
  ledger_hash text not null,
  created_at timestamptz not null default now()
);

create table departments (
  campaign_id text not null references campaigns (id),
  name text not null,
  primary key (campaign_id, name)
);

create table people (
  campaign_id text not null references campaigns (id),
  id text not null,
  name text not null,
  title text,
  department text,
  primary key (campaign_id, id),
  foreign key (campaign_id, department) references departments (campaign_id, name)
);

create table aspects (
  campaign_id text not null references campaigns (id),
  no int not null,
  title text not null,
  primary key (campaign_id, no)
);

create table problems (
  campaign_id text not null references campaigns (id),
  no int not null,
  aspect_no int not null,
  title text not null,
  description text not null default '',
  kind text not null check (kind in ('immediate', 'time-bound', 'long-term')),
  responsible_leader text not null,
  department text not null,
  owner text not null,
  original_deadline date,
  deadline date,
  status text not null check (status in ('assigned', 'planning', 'plan_review', 'in_progress', 'leader_review',
    'office_verification', 'head_approval', 'phase_complete', 'closed')),
  warning text not null default 'none' check (warning in ('none', 'yellow', 'red')),
  workflow_id text not null unique,
  -- the workflow's state version last written; older or repeated writes are ignored
  version int not null default 0,
  started_on date,
  closed_on date,
  reopen_count int not null default 0,
  look_back_done boolean not null default false,
  pending_extension jsonb,
  last_action text,
  last_action_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (campaign_id, no),
  foreign key (campaign_id, aspect_no) references aspects (campaign_id, no),
  foreign key (campaign_id, department) references departments (campaign_id, name),
  foreign key (campaign_id, responsible_leader) references people (campaign_id, id),
  foreign key (campaign_id, owner) references people (campaign_id, id)
);
create index problems_by_status on problems (campaign_id, status);
create index problems_by_department on problems (campaign_id, department);

create table measures (
  campaign_id text not null,
  problem_no int not null,
  id text not null, -- 'M1', 'M2', … as the workflow numbers them
  text text not null,
  owner text not null,
  due date not null,
  done boolean not null default false,
  completed_at timestamptz,
  completed_by text,
  regulations int not null default 0,
  funds_recovered_wan numeric(14, 2) not null default 0,
  party_discipline int not null default 0,
  admonishment int not null default 0,
  ordered_self_criticism int not null default 0,
  primary key (campaign_id, problem_no, id),
  -- measures are replaced wholesale with each newer snapshot of their problem
  foreign key (campaign_id, problem_no) references problems (campaign_id, no) on delete cascade
);

create table evidence (
  campaign_id text not null,
  problem_no int not null,
  measure_id text not null,
  seq int not null,
  kind text not null check (kind in ('file', 'text')),
  name text,
  size bigint,
  sha256 text not null,
  mime text,
  text text,
  primary key (campaign_id, problem_no, measure_id, seq),
  foreign key (campaign_id, problem_no, measure_id) references measures (campaign_id, problem_no, id) on delete cascade,
  check ((kind = 'file' and name is not null and size is not null) or (kind = 'text' and text is not null))
);

-- 目前进展: the latest of these is what the progress report quotes for unfinished problems.
create table progress_reports (
  campaign_id text not null,
  problem_no int not null,
  seq int not null,
  at timestamptz not null,
  by_id text not null,
  by_name text not null,
  text text not null,
  primary key (campaign_id, problem_no, seq),
  foreign key (campaign_id, problem_no) references problems (campaign_id, no) on delete cascade
);

create table audit (
  workflow_id text not null,
  seq int not null,
  campaign_id text not null,
  problem_no int not null,
  at timestamptz not null,
  actor_id text not null,
  actor_name text not null,
  action text not null,
  summary text not null,
  reason text,
  before jsonb not null,
  after jsonb not null,
  unique (workflow_id, seq),
  foreign key (campaign_id, problem_no) references problems (campaign_id, no)
);
create index audit_by_problem on audit (campaign_id, problem_no, seq);

-- The audit trail is evidence in its own right: nobody edits or removes it, not even by mistake.
create function audit_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '审计记录只能追加，不能修改或删除 / audit rows are append-only (%)', tg_op;
end
$$;
create trigger audit_no_update_or_delete before update or delete on audit
  for each row execute function audit_is_append_only();
create trigger audit_no_truncate before truncate on audit
  for each statement execute function audit_is_append_only();

-- The outbox and in-app inbox; email and chat robots read it. One row per recipient.
create table notifications (
  id bigserial primary key,
  -- `${workflowId}:${notification.dedupeKey}`: a retried activity never notifies twice
  dedupe_key text not null,
  recipient_id text not null,
  recipient_name text not null,
  campaign_id text not null references campaigns (id),
  problem_no int,
  workflow_id text not null,
  kind text not null,
  title text not null,
  body text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (dedupe_key, recipient_id)
);
create index notifications_by_recipient on notifications (recipient_id, id);
create index notifications_by_campaign on notifications (campaign_id, id);

create table campaign_snapshots (
  campaign_id text not null references campaigns (id),
  kind text not null,
  taken_at timestamptz not null default now(),
  stats jsonb not null,
  primary key (campaign_id, kind)
);

-- Meetings and events the office records (一、组织领导); the report writer quotes them.
create table campaign_events (
  id bigserial primary key,
  campaign_id text not null references campaigns (id),
  on_date date not null,
  kind text not null,
  text text not null,
  created_at timestamptz not null default now()
);
create index campaign_events_by_date on campaign_events (campaign_id, on_date, id);
