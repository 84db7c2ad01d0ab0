-- The desk's sign-in: accounts linked to the ledger's people, opaque sessions, and the desk's own
-- audit trail (sign-ins, and every action, upload and import made through the desk).

create table accounts (
  username text primary key,
  -- a person id of the ledger; ids are the same across campaigns, so no foreign key to one campaign
  person_id text not null,
  name text not null,
  role text not null check (role in ('dept_owner', 'dept_member', 'leader', 'office', 'head', 'admin')),
  department text,
  -- argon2id, PHC string ($argon2id$v=19$…): never the password itself
  password_hash text not null,
  -- set for initial and reset passwords: the desk lets nobody work before they choose their own
  must_change_password boolean not null default true,
  disabled boolean not null default false,
  -- consecutive failures since the last success or lock; reaching the limit sets locked_until
  failed_attempts int not null default 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (role not in ('dept_owner', 'dept_member') or department is not null)
);
create index accounts_by_person on accounts (person_id);

create table sessions (
  id bigserial primary key,
  -- hex SHA-256 of the opaque token: a copy of this table lets nobody sign in
  token_sha256 text not null unique,
  username text not null references accounts (username),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  ip text,
  ended_at timestamptz,
  -- 'sign-out', 'idle', 'absolute', 'password-changed', 'password-reset', 'disabled', 'locked'
  end_reason text
);
create index sessions_open_by_username on sessions (username) where ended_at is null;

create table desk_audit (
  id bigserial primary key,
  at timestamptz not null,
  -- null when nobody is known (a sign-in under an unknown name)
  username text,
  person_id text,
  kind text not null,
  campaign_id text,
  problem_no int,
  -- never a password or a token
  detail jsonb not null default '{}',
  ip text
);
create index desk_audit_by_at on desk_audit (at, id);
create index desk_audit_by_username on desk_audit (username, id);
create index desk_audit_by_problem on desk_audit (campaign_id, problem_no, id);

-- Same rule as `audit` (001_init.sql): the trail is evidence, appended to and never edited.
create trigger desk_audit_no_update_or_delete before update or delete on desk_audit
  for each row execute function audit_is_append_only();
create trigger desk_audit_no_truncate before truncate on desk_audit
  for each statement execute function audit_is_append_only();
