import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addDays, shanghaiDate } from '../../domain/dates';
import { eventually } from '../support/drive';
import { Harness, uniqueId } from '../support/harness';
import { smallLedger } from '../support/ledger';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/rectify.js');

// The same end-to-end run on the dev server and on Temporal's own server on PostgreSQL (4 shards).
describe.each([
  ['开发服务器', 'dev'],
  ['PostgreSQL 上的 Temporal 集群', 'cluster'],
] as const)('%s', (_label, profile) => {
  let h: Harness;
  let cliEnv: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    h = profile === 'cluster' ? await Harness.cluster() : await Harness.devServer();
    dir = mkdtempSync(path.join(tmpdir(), 'rectify-e2e-'));
    cliEnv = {
      ...process.env,
      TEMPORAL_ADDRESS: h.env.address,
      DATABASE_URL: h.databaseUrl,
      RECTIFY_TASK_QUEUE: h.taskQueue,
      RECTIFY_DATA_DIR: dir,
    };
  });
  afterAll(async () => h?.close());

  async function rectify(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [BIN, ...args], { env: cliEnv, timeout: 60_000 });
    return stdout;
  }

  async function rectifyFails(...args: string[]): Promise<{ code: number; stderr: string }> {
    try {
      await run(process.execPath, [BIN, ...args], { env: cliEnv, timeout: 60_000 });
    } catch (e) {
      const err = e as { code: number; stderr: string };
      return { code: err.code, stderr: err.stderr };
    }
    throw new Error(`rectify ${args.join(' ')} succeeded`);
  }

  test('create a campaign, drive a problem to closure and list problems by search attribute, all through the CLI', async () => {
    const today = shanghaiDate(Date.now());
    const ledger = smallLedger({ id: uniqueId('e2e'), concentratedPeriodEnd: addDays(today, 90) });
    ledger.problems[0]!.deadline = addDays(today, 30);
    const file = path.join(dir, 'ledger.json');
    writeFileSync(file, JSON.stringify(ledger));
    const c = ['-c', ledger.id];

    expect(await rectify('campaign', 'create', '--file', file)).toContain(`已创建巡察整改 ${ledger.id}：德州市妇幼保健院，问题 3 个；新启动工作流 3 个`);
    expect(await rectify('campaign', 'create', '--file', file)).toContain('已存在（内容相同）');
    expect(await rectify('campaign', 'create', '--file', file)).toContain('新启动工作流 0 个，已在运行 3 个');

    const refused = await rectifyFails('approve-closure', '1', ...c, '--as', 'head');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('错误：问题1当前状态为「待认领」，不能组长审批');
    const wrongRole = await rectifyFails('claim', '1', ...c, '--as', 'vp1');
    expect(wrongRole.stderr.trim()).toBe('错误：李院长不是本问题的责任科室，不能认领');

    expect(await rectify('claim', `${ledger.id}/1`, '--as', '钱科长')).toContain('当前状态：制定措施中');
    await rectify('plan', '1', ...c, '--as', 'fin1', '-m', `修订报销管理办法|fin1|${addDays(today, 20)}`, '-m', `开展专项检查|fin2|${addDays(today, 25)}`);
    await rectify('submit-plan', '1', ...c, '--as', 'fin1');
    await rectify('approve-plan', '1', ...c, '--as', 'vp1');
    const evidence = path.join(dir, '报销管理办法.txt');
    writeFileSync(evidence, '第一条 为规范报销……');
    const program = path.join(dir, '整改报告.pdf');
    copyFileSync('/bin/true', program);
    const renamed = await rectifyFails('complete', '1', 'M1', ...c, '--as', 'fin1', '--evidence-file', program);
    expect(renamed.stderr).toContain('不支持的文件类型');
    await rectify('complete', '1', 'M1', ...c, '--as', 'fin1', '--evidence-file', evidence, '--regulations', '1');
    // The bytes are kept in the data folder's store, named by their SHA-256, not only hashed.
    const sha = createHash('sha256').update(readFileSync(evidence)).digest('hex');
    expect(readFileSync(path.join(dir, 'evidence', sha.slice(0, 2), sha), 'utf8')).toBe('第一条 为规范报销……');
    expect((await h.db.query('select name, uploaded_by from evidence_uploads where sha256 = $1', [sha])).rows).toEqual([{ name: '报销管理办法.txt', uploaded_by: 'fin1' }]);
    await rectify('complete', '1', 'M2', ...c, '--as', 'fin2', '--evidence-text', '检查报销凭证1200份', '--funds', '3.5');
    await rectify('request-closure', '1', ...c, '--as', 'fin1');
    expect(await rectify('review', '1', ...c, '--as', 'vp1', '--return', '请补充检查发现的问题清单')).toContain('当前状态：整改中');
    await rectify('request-closure', '1', ...c, '--as', 'fin1');
    await rectify('review', '1', ...c, '--as', 'vp1');
    await rectify('verify', '1', ...c, '--as', 'office1');
    expect(await rectify('approve-closure', '1', ...c, '--as', 'head')).toContain('当前状态：已销号');

    const shown = await rectify('show', '1', ...c);
    expect(shown).toContain('状态：已销号');
    expect(shown).toContain('请补充检查发现的问题清单');
    expect(shown).toMatch(/M1\s+修订报销管理办法\s+fin1\s+\S+\s+是\s+1/);

    const ledgerTable = await rectify('ls', ...c);
    expect(ledgerTable).toMatch(/1\s+财务报销审核不严\s+限期整改\s+财务科\s+已销号/);
    expect(ledgerTable).toContain('共 3 个问题，已销号 1 个');
    expect(ledgerTable).toMatch(/已销号\s+\S+\s+2\/2\s+组长审批/);
    expect(await rectify('ls', ...c, '--status', 'closed')).toContain('共 1 个问题');
    expect((await rectifyFails('ls', ...c, '--status', 'done')).stderr).toContain('--status: 未知状态「done」');

    const inbox = await rectify('inbox', '--as', 'vp1', ...c);
    expect(inbox).toContain('问题1申请销号，待审核');

    const listed = await eventually(async () => {
      const out = await rectify('workflows', ...c, '--status', 'closed');
      expect(out).toContain('共 1 个');
      return out;
    });
    expect(listed).toContain(`rectify/${ledger.id}/problem/1`);
    const byDepartment = await eventually(async () => {
      const out = await rectify('workflows', ...c, '--department', '人事科');
      expect(out).toContain('共 2 个');
      return out;
    });
    expect(byDepartment).toContain(`rectify/${ledger.id}/problem/2`);
    // About 25 CLI processes, each starting Node, tsx and a Temporal connection: minutes on a busy machine.
  }, 300_000);

  test('a broken ledger file is refused with field-level messages and nothing is created', async () => {
    const ledger = smallLedger({ id: uniqueId('bad') }) as unknown as Record<string, unknown>;
    const problems = ledger.problems as Record<string, unknown>[];
    problems[0]!.deadline = '2025-02-30';
    problems[1]!.department = '后勤科';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(ledger));
    const r = await rectifyFails('campaign', 'create', '--file', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('problems.0.deadline: "2025-02-30" 不是有效日期');
    expect(r.stderr).toContain('problems.1.department: 未知科室: 后勤科');
    const { rows } = await h.db.query('select id from campaigns where id = $1', [ledger.id]);
    expect(rows).toEqual([]);
  });

  test('a campaign rebuilt from a published report: completed problems closed, unfinished ones open with their committed deadline', async () => {
    const seed = path.resolve(__dirname, '../fixtures/seeds/luoyang-mch-2025.txt');
    const parsed = JSON.parse(await rectify('parse', seed, '--json')) as { aspects: { problems: unknown[] }[] };
    expect(parsed).toEqual(JSON.parse(readFileSync(seed.replace(/\.txt$/, '.expected.json'), 'utf8')));

    const id = uniqueId('luoyang');
    expect(await rectify('campaign', 'create', '--from-report', seed, '--id', id)).toContain(`已创建巡察整改 ${id}：洛阳市妇幼保健院，问题 71 个；新启动工作流 71 个`);
    const table = await eventually(async () => {
      const out = await rectify('ls', '-c', id, '--status', 'closed');
      expect(out).toContain('共 68 个问题，已销号 68 个');
      return out;
    });
    expect(table).toContain('学用结合不紧密');
    const open = await rectify('ls', '-c', id, '--status', 'assigned');
    expect(open).toContain('共 3 个问题');
    expect(open.match(/2025-12-31/g)).toHaveLength(3);
  });
});
