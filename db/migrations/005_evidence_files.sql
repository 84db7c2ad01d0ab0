-- Evidence files kept, not only hashed: the bytes live in the evidence store (named by their
-- SHA-256); these rows say what each stored file is and who uploaded it to which problem. The
-- workflow's own evidence list (table evidence) names files by the same SHA-256.
create table evidence_files (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size >= 0),
  mime text not null,
  created_at timestamptz not null default now()
);

-- One row per upload: the same file uploaded to two problems, or twice under two names, is two rows.
create table evidence_uploads (
  id bigserial primary key,
  campaign_id text not null,
  problem_no int not null,
  sha256 text not null references evidence_files (sha256),
  -- the display name (already made safe); never a path in the store
  name text not null check (btrim(name) <> ''),
  -- the account's person id, or its username when it has none
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  foreign key (campaign_id, problem_no) references problems (campaign_id, no)
);
create index evidence_uploads_by_file on evidence_uploads (campaign_id, problem_no, sha256, id);
