// npm run bench -- desk: fifty signed-in people on the desk for 60 s, reading and moving their
// problems through the lifecycle over HTTP (bench/desk-users.ts), against a baseline measured in
// the same run on the same Temporal server and worker: fifty callers sending a bare Workflow Update
// to a no-op workflow (bench/workflows.ts), 10 s before and 10 s after the desk's run.
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { pgDb } from '../db/client';
import { migrate } from '../db/migrate';
import { countProjectedProblems } from '../db/queries/count-projected';
import { addDays, shanghaiDate } from '../domain/dates';
import { CampaignLedgerSchema } from '../domain/schemas';
import { withTestDatabase } from '../servers/pg-cluster';
import type { TemporalProfile } from '../servers/temporal-profile';
import { importAccountsFromCampaign } from '../services/accounts';
import { createCampaign, forEachLimit } from '../services/campaigns';
import type { DeskProcessCommand, DeskProcessMessage } from './desk-process';
import { runUser, type Tracked, type VUser, type World } from './desk-users';
import { Session } from './http';
import { machine, ms, Samples, say, summarize, writeSection } from './measure';
import { DEPARTMENTS, random } from './synthetic-projection';
import { PROFILE_LABEL, startProfile } from './temporal-profiles';

/** BENCH_PROFILE=cluster runs the same load on the cluster profile (npm run bench -- desk-cluster). */
const PROFILE: TemporalProfile = process.env.BENCH_PROFILE === 'cluster' ? 'cluster' : 'dev';
const ID = 'bench-desk';
const TASK_QUEUE = 'bench-desk';
const PASSWORD = 'Rectify2026';
const SECONDS = Number(process.env.BENCH_DESK_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const PER_DEPT = Number(process.env.BENCH_DESK_PROBLEMS_PER_DEPT ?? 4);
const CALLERS = 50;
const LEADERS = Array.from({ length: 6 }, (_, i) => `leader${i + 1}`);
const OFFICE = ['clerk1', 'clerk2', 'clerk3'];
const owner = (d: number) => `d${String(d + 1).padStart(2, '0')}`;

/** 40 departments (their owners), 6 leaders, 3 office clerks and the head: fifty accounts. */
function deskLedger(today: string) {
  return CampaignLedgerSchema.parse({
    id: ID, name: '工作台压力测试', organisation: '某市人民医院', inspectionTeam: '市委第一巡察组',
    inspectionStart: addDays(today, -120), inspectionEnd: addDays(today, -60), feedbackDate: addDays(today, -30), concentratedPeriodEnd: addDays(today, 90),
    leadingGroup: { head: 'sec', deputies: LEADERS, office: OFFICE, members: [] },
    people: [
      { id: 'sec', name: '陈书记' }, ...OFFICE.map((id, i) => ({ id, name: `办公室${i + 1}` })), ...LEADERS.map((id, i) => ({ id, name: `副院长${i + 1}` })),
      ...DEPARTMENTS.map((department, d) => ({ id: owner(d), name: `${department}负责人`, department })),
    ],
    departments: DEPARTMENTS,
    aspects: [{ no: 1, title: '关于落实全面从严治党方面' }],
    problems: DEPARTMENTS.flatMap((department, d) => Array.from({ length: PER_DEPT }, (_, k) => ({
      no: d * PER_DEPT + k + 1, aspect: 1, title: `${department}制度执行不到位（${k + 1}）`, kind: 'time-bound', responsibleLeader: LEADERS[d % LEADERS.length],
      department, owner: owner(d), deadline: addDays(today, 60), measures: [{ text: '修订制度', owner: owner(d), due: addDays(today, 40) }],
    }))),
  });
}

async function main(): Promise<void> {
  const loadBefore = machine();
  say(`[bench] desk: ${CALLERS} users for ${SECONDS} s; baseline ${CALLERS} callers of a bare update, ${BASELINE_SECONDS} s before and after; ${loadBefore}`);
  const today = shanghaiDate(Date.now());
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const temporal = await startProfile(PROFILE);
    cleanups.unshift(() => temporal.stop());
    const database = await withTestDatabase();
    cleanups.unshift(() => database.close());
    const db = pgDb(database.url);
    cleanups.unshift(() => db.close());
    await migrate(db);

    const child = fork(require.resolve('./desk-process'), [], {
      env: { ...process.env, BENCH_TEMPORAL: temporal.address, BENCH_DATABASE_URL: database.url, BENCH_TASK_QUEUE: TASK_QUEUE },
    });
    /** Sends a command (none: just listen) and waits for the answer carrying `want`. */
    const ask = (m: DeskProcessCommand | undefined, want: 'ready' | 'cpu' | 'stopped') => new Promise<DeskProcessMessage>((resolve, reject) => {
      const on = (r: DeskProcessMessage) => want in r && (child.off('message', on), child.off('exit', gone), resolve(r));
      const gone = () => reject(new Error('the desk process exited'));
      child.on('message', on);
      child.once('exit', gone);
      if (m) child.send(m);
    });
    cleanups.unshift(async () => (child.connected ? ask('stop', 'stopped') : undefined));
    const ready = await ask(undefined, 'ready');
    const url = 'ready' in ready ? ready.ready : '';
    say(`[bench] desk and worker up at ${url}`);

    const connection = await Connection.connect({ address: temporal.address });
    cleanups.unshift(() => connection.close());
    const client = new Client({ connection });
    const ledger = deskLedger(today);
    await createCampaign(client, db, ledger, { taskQueue: TASK_QUEUE });
    for (;;) {
      if ((await countProjectedProblems(db, ID, 0)) >= ledger.problems.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { created } = await importAccountsFromCampaign(db, ID, { password: PASSWORD, mustChange: false });
    if (created.length !== CALLERS) throw new Error(`expected ${CALLERS} accounts, got ${created.length}`);
    const users: VUser[] = [];
    await forEachLimit(created, 4, async ({ account: a }) => {
      const role = a.role === 'dept_owner' ? 'dept' : a.role === 'leader' ? 'leader' : a.role === 'office' ? 'office' : 'head';
      users.push({ username: a.username, role, dept: a.department ? DEPARTMENTS.indexOf(a.department) : undefined, session: await Session.signIn(url, a.username, PASSWORD) });
    });
    say(`[bench] ${ledger.problems.length} problems started and projected; ${users.length} users signed in`);

    // The baseline's workflows, started before timing; fifty callers, each on its own workflow.
    const pings: WorkflowHandle[] = [];
    for (let i = 0; i < CALLERS; i++) pings.push(await client.workflow.start('noopUpdateWorkflow', { workflowId: `bench-ping-${i}`, taskQueue: TASK_QUEUE }));
    const baseline = new Samples();
    let baselineErrors = 0;
    const cpu = async () => {
      const r = await ask('cpu', 'cpu');
      return ('cpu' in r ? r.cpu.user + r.cpu.system : 0) / 1e6;
    };
    const pingFor = async (seconds: number, record: boolean) => {
      const until = performance.now() + seconds * 1000;
      await Promise.all(pings.map(async (h, i) => {
        for (let n = 0; performance.now() < until; n++) {
          const t = performance.now();
          try {
            await h.executeUpdate<number, [number]>('benchPing', { args: [n] });
            if (record) baseline.add('update', performance.now() - t);
          } catch (e) {
            if (record) baselineErrors += 1;
            if (record && baselineErrors < 5) say(`[bench] baseline caller ${i}: ${String(e)}`);
          }
        }
      }));
    };
    await pingFor(2, false); // warm-up: workflows in the worker's cache, connections open
    let c0 = await cpu();
    let t0 = performance.now();
    await pingFor(BASELINE_SECONDS, true);
    let baselineCpu = (await cpu()) - c0;
    let baselineWall = performance.now() - t0;
    say(`[bench] baseline (before): ${baseline.get('update').length} updates`);

    const world: World = {
      campaignId: ID, today, samples: new Samples(), errors: [], noTasks: false, random: random(7),
      problems: ledger.problems.map((p): Tracked => ({
        no: p.no, dept: DEPARTMENTS.indexOf(p.department), leader: p.responsibleLeader, owner: p.owner, status: 'assigned', open: ['M1'], done: 0, planned: false, busy: false,
      })),
    };
    c0 = await cpu();
    t0 = performance.now();
    const parentCpu0 = process.cpuUsage();
    const until = t0 + SECONDS * 1000;
    const progress = setInterval(() => say(`[bench] desk: ${Math.round((performance.now() - t0) / 1000)} s, ${world.samples.all().length} requests, ${world.errors.length} errors`), 10_000);
    await Promise.all(users.map((u) => runUser(u, world, until)));
    clearInterval(progress);
    const deskWall = performance.now() - t0;
    const deskCpu = (await cpu()) - c0;
    const parentCpu = process.cpuUsage(parentCpu0);
    const loadAfterDesk = machine();

    c0 = await cpu();
    t0 = performance.now();
    await pingFor(BASELINE_SECONDS, true);
    baselineCpu += (await cpu()) - c0;
    baselineWall += performance.now() - t0;
    say(`[bench] baseline (before and after): ${baseline.get('update').length} updates`);

    const s = world.samples;
    const actions = summarize(s.all((k) => k.startsWith('action:')));
    const reads = summarize(s.all((k) => k.startsWith('read:')));
    const bare = summarize(baseline.get('update'));
    const four = (x: ReturnType<typeof summarize>) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)} / ${ms(x.max)}`;
    const kinds = [...s.by.keys()].sort();
    const lines = [
      `- ${CALLERS} signed-in users (${DEPARTMENTS.length} department owners, ${LEADERS.length} leaders, ${OFFICE.length} office clerks, the head) on ${ledger.problems.length} problems (${PER_DEPT} per department); each user in a closed loop with no think time: when a problem waits for them, half of the time they act on it (the next legal action of the lifecycle, one plan or closure in ten returned, a closed problem reopened by the office), otherwise they read (a list page of 50, a problem's detail, 我的任务${world.noTasks ? ' (not served: skipped)' : ''}, or who they are)`,
      `- the desk (Fastify) and the worker in one child process, as \`npm start\` runs them; the users in the bench process; Temporal ${PROFILE_LABEL[PROFILE]} and a PostgreSQL throwaway cluster; ${cpus().length} cores for all of it`,
      `- load: ${loadBefore.replace(/^.*?; /, '')} at the start, ${loadAfterDesk.replace(/^.*?; /, '')} after the desk's run (the machine is shared)`,
      '',
      `| ${(SECONDS).toFixed(0)} s of desk load | count | p50 / p95 / p99 / max ms |`,
      '|---|---:|---:|',
      ...kinds.map((k) => `| ${k.replace(':', ' ')} | ${s.get(k).length} | ${four(summarize(s.get(k)))} |`),
      `| **all actions** | **${actions.n}** | **${four(actions)}** |`,
      `| all reads | ${reads.n} | ${four(reads)} |`,
      `| baseline: bare update on a no-op workflow, ${CALLERS} callers, ${BASELINE_SECONDS} s before + ${BASELINE_SECONDS} s after | ${bare.n} | ${four(bare)} |`,
      '',
      `- **errors: ${world.errors.length}** (target 0; every non-2xx answer, network error or unexpected result)${baselineErrors ? `; baseline errors: ${baselineErrors}` : ''}`,
      `- throughput: ${((actions.n + reads.n) / (deskWall / 1000)).toFixed(1)} requests/s (${(actions.n / (deskWall / 1000)).toFixed(1)} actions/s, ${(reads.n / (deskWall / 1000)).toFixed(1)} reads/s); baseline ${(bare.n / (baselineWall / 1000)).toFixed(1)} updates/s`,
      `- CPU: desk process ${(deskCpu / (deskWall / 1000)).toFixed(2)} cores busy on average during the desk run (the users' process ${((parentCpu.user + parentCpu.system) / 1e6 / (deskWall / 1000)).toFixed(2)}), ${(baselineCpu / (baselineWall / 1000)).toFixed(2)} during the baseline`,
      `- **ratio p99(desk action) / p99(bare update): ${(actions.p99 / bare.p99).toFixed(2)}** (p50: ${(actions.p50 / bare.p50).toFixed(2)})`,
    ];
    for (const e of world.errors.slice(0, 10)) say(`[bench] error: ${e}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    const section = PROFILE === 'dev' ? writeSection('desk', 'Fifty people on the desk', lines.join('\n')) : writeSection('desk-cluster', 'Fifty people on the desk, on the cluster', lines.join('\n'));
    say(`[bench] written to ${section}`);
  } finally {
    for (const f of cleanups) await f().catch((e: unknown) => say(`[bench] cleanup: ${String(e)}`));
  }
}

main().catch((e: unknown) => {
  say(`[bench] failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
