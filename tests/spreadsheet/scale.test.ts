// A city-wide round in one ledger: 3,500 problems of two measures each (7,000 rows). The times
// are printed for the record, not asserted: they depend on the machine.
import { insertCampaign } from '../../db/queries/insert-campaign';
import type { CampaignLedger, ProblemInput } from '../../domain/schemas';
import { exportLedger } from '../../spreadsheet/export';
import { readLedgerFile } from '../../spreadsheet/import';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import { expectedLedger, filledTemplate, tempDir, Value } from './helpers';

const PROBLEMS = 3500;
const tmp = tempDir();

let t: TestDb;
beforeAll(async () => {
  t = await migratedPg();
});
afterAll(async () => t?.close());

const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await fn();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
};

test(`import of a ${PROBLEMS}-problem xlsx (${PROBLEMS * 2} rows), with progress`, async () => {
  const rows: Value[][] = [];
  for (let no = 1; no <= PROBLEMS; no += 1) {
    const aspect = `（${no % 7}）关于第${no % 7}方面的问题`;
    rows.push([no, aspect, `问题${no}：经费使用审批不严格`, '描述'.repeat(20), '限期整改', '李院长', '财务科', '钱科长', new Date(Date.UTC(2025, no % 12, 1 + (no % 28))), `措施${no}-1：修订制度`, '', '2025-01-31']);
    rows.push([no, '', '', '', '', '', '', '', '', `措施${no}-2：专项检查`, '孙会计', '2025/2/28']);
  }
  const file = await filledTemplate(tmp('大台账.xlsx'), { ledger: rows });
  const progress: number[] = [];
  const ledger = await timed(`import ${PROBLEMS} problems / ${rows.length} rows (xlsx)`, () => readLedgerFile(file, { onProgress: (done) => progress.push(done) }));
  expect(ledger.problems).toHaveLength(PROBLEMS);
  expect(ledger.problems.flatMap((p) => p.measures)).toHaveLength(PROBLEMS * 2);
  expect(ledger.aspects).toHaveLength(7);
  expect(ledger.problems[PROBLEMS - 1]).toMatchObject({ no: PROBLEMS, deadline: '2025-09-01', measures: [{ owner: 'fin1' }, { owner: 'p7', due: '2025-02-28' }] });
  expect(progress.at(-1)).toBe(rows.length);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress.length).toBeGreaterThan(10);
});

test(`export of a ${PROBLEMS}-problem campaign, and its import`, async () => {
  const base = smallLedger();
  const problems: ProblemInput[] = Array.from({ length: PROBLEMS }, (_, i) => ({
    no: i + 1, aspect: 1 + (i % 3), title: `问题${i + 1}：经费使用审批不严格`, description: '描述'.repeat(20), kind: 'time-bound', responsibleLeader: 'vp1',
    department: '财务科', owner: 'fin1', deadline: '2025-06-30',
    measures: [{ text: `措施${i + 1}-1`, owner: 'fin1', due: '2025-03-31' }, { text: `措施${i + 1}-2`, owner: 'fin2', due: '2025-05-31' }],
  }));
  const ledger: CampaignLedger = smallLedger({
    id: 'scale',
    aspects: [1, 2, 3].map((no) => ({ no, title: `关于第${no}方面` })),
    problems,
    policy: expectedLedger().policy,
    people: base.people,
  });
  await insertCampaign(t.db, ledger);
  const file = tmp('导出大台账.xlsx');
  const progress: [number, number][] = [];
  const result = await timed(`export ${PROBLEMS} problems (xlsx)`, () => exportLedger(t.db, 'scale', file, { onProgress: (done, total) => progress.push([done, total]) }));
  expect(result).toEqual({ problems: PROBLEMS, rows: PROBLEMS * 2 });
  // Rows of all four sheets: the ledger's, then 巡察信息's and 人员's.
  const [lastDone, total] = progress.at(-1)!;
  expect(lastDone).toBe(total);
  expect(total).toBeGreaterThan(PROBLEMS * 2);
  expect(progress.length).toBeGreaterThan(10);
  await timed(`export ${PROBLEMS} problems (csv)`, () => exportLedger(t.db, 'scale', tmp('导出大台账.csv')));
  const back = await timed(`import of that export (xlsx)`, () => readLedgerFile(file));
  expect(back.problems).toEqual(ledger.problems);
});
