-- The ledger list is read far more often than problems change (every page of the desk, every
-- export), so each problem row carries its measure counts and outcome sums, written in the same
-- transaction as its measures (record-problem.ts). A list then filters, sorts and pages one table.
alter table problems
  add column measures_total int not null default 0,
  add column measures_done int not null default 0,
  add column regulations int not null default 0,
  add column funds_recovered_wan numeric(14, 2) not null default 0,
  add column party_discipline int not null default 0,
  add column admonishment int not null default 0,
  add column ordered_self_criticism int not null default 0;

update problems p set
  measures_total = m.total, measures_done = m.done, regulations = m.regulations,
  funds_recovered_wan = m.funds, party_discipline = m.party_discipline, admonishment = m.admonishment,
  ordered_self_criticism = m.ordered_self_criticism
from (
  select campaign_id, problem_no, count(*) as total, count(*) filter (where done) as done,
    sum(regulations) as regulations, sum(funds_recovered_wan) as funds, sum(party_discipline) as party_discipline,
    sum(admonishment) as admonishment, sum(ordered_self_criticism) as ordered_self_criticism
  from measures group by campaign_id, problem_no
) m
where m.campaign_id = p.campaign_id and m.problem_no = p.no;

-- The order the ledger lists people in (a department's first person is its owner by default).
alter table people add column position int;

-- The desk's filters and sorts: by deadline (overdue, due soon), by leader (a leader's remit).
create index problems_by_deadline on problems (campaign_id, deadline);
create index problems_by_leader on problems (campaign_id, responsible_leader);
create index problems_by_warning on problems (campaign_id, warning) where warning <> 'none';
