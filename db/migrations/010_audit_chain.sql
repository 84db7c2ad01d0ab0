-- A tamper-evident audit trail: each campaign's audit rows form one hash chain. Row n carries its
-- place in the campaign's chain (chain_seq 1, 2, 3 … without gaps), the hash of row n-1 (prev_hash;
-- 64 zeros for row 1) and its own hash over prev_hash and its content. Editing a row breaks its
-- hash, removing one leaves a gap, forging one breaks the links; `rectify audit verify` finds them.
-- (`seq` stays what it was: the entry's number in its problem's history.)
--
-- The content hashed is this JSON array, in this order, as one UTF-8 string:
--   [campaign_id, workflow_id, seq, problem_no, at, actor_id, actor_name, action, summary, reason,
--    before, after]
-- strings as JSON string literals (to_json), numbers as digits, reason null when absent, `at` in UTC
-- with microseconds (2025-01-06T01:00:00.000000Z), before/after as jsonb prints them; no spaces
-- between elements. hash = hex(sha256(prev_hash || content)). db/audit-chain.ts recomputes it
-- independently in TypeScript; chain_seq is not hashed (the links fix the order).

alter table audit add column chain_seq bigint, add column prev_hash text, add column hash text;

-- The end of each campaign's chain. Its row lock is the serialisation point of concurrent writers,
-- and it tells a deleted last row from a chain that simply ends there.
create table audit_chain_heads (
  campaign_id text primary key references campaigns (id),
  seq bigint not null default 0,
  hash text not null default '0000000000000000000000000000000000000000000000000000000000000000'
);

create function audit_row_hash(prev_hash text, a audit) returns text language sql stable as $$
  select encode(sha256(convert_to(prev_hash || '[' || concat_ws(',',
    to_json(a.campaign_id)::text, to_json(a.workflow_id)::text, a.seq::text, a.problem_no::text,
    to_json(to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
    to_json(a.actor_id)::text, to_json(a.actor_name)::text, to_json(a.action)::text, to_json(a.summary)::text,
    coalesce(to_json(a.reason)::text, 'null'), a.before::text, a.after::text) || ']', 'UTF8')), 'hex')
$$;

-- Existing rows, chained per campaign in a fixed order (time, then workflow and its seq), so every
-- database migrated from the same rows gets the same hashes. The append-only guard steps aside for
-- this one transaction.
alter table audit disable trigger audit_no_update_or_delete;
do $$
declare
  r audit;
  last_campaign text;
  n bigint;
  link text;
begin
  for r in select * from audit order by campaign_id, at, workflow_id, seq loop
    if last_campaign is distinct from r.campaign_id then
      last_campaign := r.campaign_id;
      n := 0;
      link := '0000000000000000000000000000000000000000000000000000000000000000';
    end if;
    n := n + 1;
    update audit set chain_seq = n, prev_hash = link, hash = audit_row_hash(link, r)
      where workflow_id = r.workflow_id and seq = r.seq
      returning hash into link;
  end loop;
end
$$;
alter table audit enable trigger audit_no_update_or_delete;
insert into audit_chain_heads (campaign_id, seq, hash)
  select distinct on (campaign_id) campaign_id, chain_seq, hash from audit order by campaign_id, chain_seq desc;

alter table audit alter column chain_seq set not null, alter column prev_hash set not null, alter column hash set not null;
create unique index audit_chain on audit (campaign_id, chain_seq);

-- Every insert is linked here, whoever writes it, under the head's row lock: concurrent writers of
-- one campaign queue for the moments of their links. A row already stored (a retried activity) is
-- skipped before it takes a place: ON CONFLICT would skip it only after this trigger ran, leaving a
-- gap. Rows inserted earlier by the same statement are visible here, so a batch cannot repeat itself.
--
-- Within a statement the tail reached so far lives in a transaction-local setting, and the head row
-- is written once at the statement's end (or when the statement moves on to another campaign):
-- one row updated for each of thousands of rows in one transaction leaves thousands of versions
-- that every later lookup walks past, and the bulk insert turns quadratic.
create function audit_chain_flush() returns void language plpgsql as $$
declare
  tail jsonb := nullif(current_setting('rectify.audit_chain_tail', true), '')::jsonb;
begin
  if tail is not null then
    update audit_chain_heads set seq = (tail ->> 1)::bigint, hash = tail ->> 2 where campaign_id = tail ->> 0;
    perform set_config('rectify.audit_chain_tail', '', true);
  end if;
end
$$;

create function audit_chain_link() returns trigger language plpgsql as $$
declare
  head audit_chain_heads;
  tail jsonb := nullif(current_setting('rectify.audit_chain_tail', true), '')::jsonb;
begin
  if tail is not null and tail ->> 0 <> new.campaign_id then
    perform audit_chain_flush();
    tail := null;
  end if;
  select * into head from audit_chain_heads where campaign_id = new.campaign_id for update;
  if not found then
    insert into audit_chain_heads (campaign_id) values (new.campaign_id) on conflict do nothing;
    select * into head from audit_chain_heads where campaign_id = new.campaign_id for update;
  end if;
  if exists (select 1 from audit where workflow_id = new.workflow_id and seq = new.seq) then
    return null;
  end if;
  new.chain_seq := coalesce((tail ->> 1)::bigint, head.seq) + 1;
  new.prev_hash := coalesce(tail ->> 2, head.hash);
  new.hash := audit_row_hash(new.prev_hash, new);
  perform set_config('rectify.audit_chain_tail', jsonb_build_array(new.campaign_id, new.chain_seq, new.hash)::text, true);
  return new;
end
$$;
create trigger audit_chain_link before insert on audit for each row execute function audit_chain_link();

create function audit_chain_flush_after() returns trigger language plpgsql as $$
begin
  perform audit_chain_flush();
  return null;
end
$$;
create trigger audit_chain_flush after insert on audit for each statement execute function audit_chain_flush_after();

-- The head only moves forward: pulling it back to hide a deleted last row needs a trigger disabled.
create function audit_chain_head_forward_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or new.campaign_id <> old.campaign_id or new.seq <= old.seq then
    raise exception '审计链尾只能前移 / the audit chain head only moves forward (%)', tg_op;
  end if;
  return new;
end
$$;
create trigger audit_chain_head_forward_only before update or delete on audit_chain_heads
  for each row execute function audit_chain_head_forward_only();
