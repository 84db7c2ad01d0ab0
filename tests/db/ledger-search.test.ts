import { insertCampaign } from '../../db/queries/insert-campaign';
import { queryLedger } from '../../db/queries/ledger';
import { smallLedger } from '../support/ledger';
import { migratedPg, type TestDb } from './pg';

// The ledger's search box: words in a problem's title or description (as ILIKE '%…%' would find
// them, case-insensitive, every character literal), or its number. Narrowed first through the
// two-character index of migration 007, which must never lose a match.

let t: TestDb;
const id = 'search-1';
const base = smallLedger().problems[0]!;
const problem = (no: number, title: string, description = '') => ({ ...base, no, title, description, measures: [] });

beforeAll(async () => {
  t = await migratedPg();
  await insertCampaign(
    t.db,
    smallLedger({
      id,
      problems: [
        problem(1, 'Budget 预算执行偏慢', '完成率 80%，低于序时进度'),
        problem(2, '财务报销审核不严', 'under_score 与 under score 不同'),
        problem(3, '干部档案管理不规范', '缺少 2023 年度考核表'),
        problem(13, '预防接种台账不全', 'BUDGET 未公示'),
        problem(21, '理论学习不深入', '[bookmark: x] 与 \\ 反斜杠'),
      ],
    }),
  );
});
afterAll(async () => t?.close());

const found = async (text: string) => (await queryLedger(t.db, { campaignId: id, today: '2025-01-01', text, pageSize: 50 })).rows.map((r) => r.no);

test('Latin words match whatever their case, in the title or the description', async () => {
  expect(await found('budget')).toEqual([1, 13]);
  expect(await found('BuDgEt 预算')).toEqual([1]);
});

test('% _ and \\ are literal characters, never patterns', async () => {
  expect(await found('80%')).toEqual([1]);
  expect(await found('%')).toEqual([1]);
  expect(await found('under_score')).toEqual([2]);
  expect(await found('_')).toEqual([2]);
  expect(await found('\\')).toEqual([21]);
  expect(await found('[bookmark')).toEqual([21]);
});

test('one Chinese character is enough; a longer term must appear whole', async () => {
  expect(await found('预')).toEqual([1, 13]);
  expect(await found('台账')).toEqual([13]);
  expect(await found('台账不全')).toEqual([13]);
  expect(await found('账台')).toEqual([]);
  // Both characters of the term are in problem 1's text, but not next to each other.
  expect(await found('算慢')).toEqual([]);
});

test('a number finds the problem of that number and texts holding it', async () => {
  expect(await found('3')).toEqual([3]); // by number; 13 holds a 3 only in its number
  expect(await found('13')).toEqual([13]);
  expect(await found('2023')).toEqual([3]);
});

test('the count of a page of results is the count of all matches', async () => {
  const page = await queryLedger(t.db, { campaignId: id, today: '2025-01-01', text: '不', pageSize: 2, page: 1 });
  expect(page.rows.map((r) => r.no)).toEqual([2, 3]);
  expect(page.total).toBe(4);
});
