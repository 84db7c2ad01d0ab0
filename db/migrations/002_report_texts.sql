-- Texts of the progress report (通报) that the office writes itself; everything else in the report is
-- computed from the ledger. A missing row means "use the default wording".
create table campaign_report_texts (
  campaign_id text not null references campaigns (id),
  section text not null check (section in ('organisation', 'next-steps', 'contact', 'issuer')),
  text text not null check (btrim(text) <> ''),
  updated_at timestamptz not null default now(),
  primary key (campaign_id, section)
);
