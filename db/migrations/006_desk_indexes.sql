-- The desk's read models (db/queries/my-tasks, overview, supervision, problem-notifications,
-- my-notifications), timed on 100,000 problems by tests/db/perf/desk-100k.ts.

-- A problem's notifications (the timeline, the supervision record): by problem, then kind.
create index notifications_by_problem on notifications (campaign_id, problem_no, kind, id);
-- Supervision notices are numbered and dated by each problem's first red warning: an index-only scan.
create index notifications_red_warnings on notifications (campaign_id, problem_no, id) include (created_at) where kind = 'warning-red';
-- The header bell's unread count.
create index notifications_unread on notifications (recipient_id, campaign_id) where read_at is null;
-- Extensions waiting for the head or the office.
create index problems_pending_extension on problems (campaign_id) where pending_extension is not null;
-- The bell of one campaign, newest first (notifications_by_recipient serves the bell of all).
create index notifications_by_recipient_campaign on notifications (recipient_id, campaign_id, id);
-- How long a problem has waited in its status: its latest change of status, found in the index.
create index audit_status_changes on audit (campaign_id, problem_no, seq desc) include (at)
  where (after ->> 'status') is distinct from (before ->> 'status');
