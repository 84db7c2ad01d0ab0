// The 工作日规则 row of 巡察信息: how scheduled notices meet China's holidays and weekends.
import { readLedgerFile } from '../../spreadsheet/import';
import { formatPolicyValue, POLICY_FIELDS } from '../../spreadsheet/policy-fields';
import { filledTemplate, importErrors, INFO, tempDir } from './helpers';

const tmp = tempDir();
let n = 0;
const fill = (info: Record<string, string>) => filledTemplate(tmp(`工作日${++n}.xlsx`), { info: { ...INFO, ...info } });

test('each of the three values reads as its rule; blank keeps the default (shift)', async () => {
  expect(POLICY_FIELDS.workingDays.label).toBe('工作日规则');
  for (const [text, rule] of [['顺延至前一工作日', 'shift'], ['按工作日计算', 'count'], ['不考虑节假日', 'off']] as const) {
    expect((await readLedgerFile(await fill({ 工作日规则: text }))).policy).toEqual({ workingDays: rule });
    expect(formatPolicyValue('workingDays', rule)).toBe(text);
  }
  expect((await readLedgerFile(await fill({}))).policy).toEqual({});
});

test('another value is refused with its row and the three allowed', async () => {
  const errors = await importErrors(await fill({ 工作日规则: '周末照常' }));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^「巡察信息」第\d+行 工作日规则: "周末照常" 应为 顺延至前一工作日、按工作日计算、不考虑节假日 之一$/);
});
