-- The ledger list's slow pages on 100,000 problems (npm run bench -- ledger; BENCHMARKS.md).

-- Text search (q=…) read every title and description of the campaign: ~200 ms. Chinese has no
-- word boundaries, and pg_trgm finds no trigrams in CJK text under the C locale (nor does PGlite
-- ship it), so the index holds each text's distinct two-character pieces; a search for a term of
-- two or more characters first takes the rows holding all of the term's pieces from the index,
-- then checks the term itself on those (db/queries/ledger.ts). The expression here and the one
-- the query writes must stay identical, or the planner will not use the index.
create function ledger_bigrams(s text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct substr(s, i, 2)), '{}') from generate_series(1, length(s) - 1) as i
$$;
create index problems_text_bigrams on problems using gin (ledger_bigrams(lower(title || ' ' || description)));

-- Overdue and due soon (one of the four active statuses, deadline before or near today) and the
-- overdue part of a sort by days overdue, counted from the index alone; it serves every status
-- filter too, so it replaces 001's index on status only.
create index problems_by_status_deadline on problems (campaign_id, status, deadline);
drop index problems_by_status;

-- 最近操作 (sort=lastActionAt&order=desc): newest first from the index instead of sorting every row
-- of the campaign; the status rides along so a status filter skips rows without reading them.
create index problems_by_last_action on problems (campaign_id, last_action_at desc nulls last, no desc) include (status);
