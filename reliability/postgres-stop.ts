// Fault 3: rectify's PostgreSQL stopped for 30 s mid-run (pg_ctl stop -m fast, then start on the
// same data and port). Workflows keep applying actions; senders hear "accepted, the ledger is
// catching up"; the ledger writes retry at most 5 s apart and catch up after the restart.
import { listAuditActions } from '../db/queries/fault-audit';
import { problemWorkflowId } from '../domain/ids';
import { secs } from './report';
import { main, runScenario } from './scenario';
import { say } from './world';

const NAME = 'postgres-stop';
const PROBLEMS = Number(process.env.FAULT_PROBLEMS ?? 500);
const DOWN_MS = Number(process.env.FAULT_PG_DOWN_MS ?? 30_000);
const AT = 0.4;

async function run(): Promise<void> {
  await runScenario(
    {
      name: NAME,
      problems: PROBLEMS,
      async fault(ctx) {
        if (!(await ctx.reach(AT))) {
          ctx.fail(`the stop did not happen: the load had ended before ${AT * 100}%`);
          return [];
        }
        const before = ctx.load.progress();
        const t = Date.now();
        await ctx.world.pg.pause();
        const stoppedAt = Date.now();
        say(`[${NAME}] PostgreSQL 已停止（进度 ${before}/${ctx.load.total}），${DOWN_MS / 1000} s 后启动`);
        await new Promise((r) => setTimeout(r, DOWN_MS));
        const during = ctx.load.progress() - before;
        await ctx.world.pg.resume();
        const upAt = Date.now();
        say(`[${NAME}] PostgreSQL 已启动；停机期间负载完成 ${during} 个单位`);
        // Caught up: every action acknowledged so far (those of the outage among them) is in the audit trail.
        const owed = [...ctx.load.acknowledged()];
        let caughtUpMs = -1;
        while (Date.now() - upAt < 120_000) {
          // Right after the start a pooled connection may still be a dead one: read again then.
          const rows = await listAuditActions(ctx.world.db, [owed[0]?.campaignId ?? '']).catch(() => []);
          const stored = new Set(rows.map((a) => `${a.workflowId}#${a.seq}`));
          if (owed.every((a) => stored.has(`${problemWorkflowId(a.campaignId, a.no)}#${a.version}`))) {
            caughtUpMs = Date.now() - upAt;
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        if (caughtUpMs < 0) ctx.fail('the ledger had not caught up 2 minutes after PostgreSQL was back');
        say(`[${NAME}] 台账在 PostgreSQL 启动后 ${secs(caughtUpMs)} 追平`);
        return [
          `- PostgreSQL stopped (\`pg_ctl stop -m fast\`, ${secs(stoppedAt - t)}) at progress ${before}/${ctx.load.total} and started again ${secs(upAt - t)} later; during the outage the load still did ${during} units (the workflows applied the actions and answered "accepted, ledger catching up")`,
          `- the ledger had caught up (all ${owed.length} actions acknowledged by then in the audit trail) **${secs(caughtUpMs)} after PostgreSQL was back**`,
        ];
      },
    },
    `faults-postgres-stop-${process.pid}`,
  );
}

main(run, NAME);
