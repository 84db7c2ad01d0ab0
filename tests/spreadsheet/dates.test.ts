// Every accepted way of writing a date, in text and as Excel date cells. The file is also read
// in processes west and far east of UTC: reading a date cell in local (or Shanghai) time instead
// of as the day Excel shows would land on the wrong day there.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readLedgerFile } from '../../spreadsheet/import';
import { parseDate } from '../../spreadsheet/values';
import { filledTemplate, INFO, tempDir, Value } from './helpers';

const tmp = tempDir();
const ROOT = path.resolve(__dirname, '../..');

/**
 * The ledger's dates as read by a separate Node process in each of `zones` (a plain process
 * honours a change of TZ at run time; jest's sandboxed process.env does not).
 */
function datesReadIn(zones: string[], file: string): unknown {
  const script = `(async () => {
    const { readLedgerFile } = require('./spreadsheet/import');
    const out = {};
    for (const tz of ${JSON.stringify(zones)}) {
      process.env.TZ = tz;
      const l = await readLedgerFile(${JSON.stringify(file)});
      const offset = new Date(Date.UTC(2025, 11, 31, 12)).getTimezoneOffset();
      out[tz] = { offset, feedbackDate: l.feedbackDate, dates: l.problems.map((p) => [p.deadline, p.measures[0] && p.measures[0].due]) };
    }
    process.stdout.write(JSON.stringify(out));
  })()`;
  return JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

/** What Excel stores for 2025-12-31: day 46022 since its 1900 epoch, shown through a date format. */
const SERIAL_2025_12_31 = 46022;

const FORMS: [string, Value, string][] = [
  ['2025年12月31日', '2025年12月31日', '2025-12-31'],
  ['2025-12-31', '2025-12-31', '2025-12-31'],
  ['2025/12/31', '2025/12/31', '2025-12-31'],
  ['2025.12.31', '2025.12.31', '2025-12-31'],
  ['2025-1-5', '2025-1-5', '2025-01-05'],
  ['2025年1月5日', '2025年1月5日', '2025-01-05'],
  ['full-width ２０２５／１／５', '２０２５／１／５', '2025-01-05'],
  ['20251231', '20251231', '2025-12-31'],
  ['with a time', '2025-12-31 00:00:00', '2025-12-31'],
  ['an Excel date cell', new Date(Date.UTC(2025, 11, 31)), '2025-12-31'],
  ['an Excel date-time cell late in the day', new Date(Date.UTC(2025, 11, 31, 23, 30)), '2025-12-31'],
  ['an Excel date cell on New Year', new Date(Date.UTC(2026, 0, 1)), '2026-01-01'],
];

test.each(FORMS)('parseDate: %s', (_label, value, iso) => {
  expect(parseDate(value instanceof Date || typeof value === 'string' ? value : null)).toBe(iso);
});

test('not dates: impossible days, words, stray numbers', () => {
  for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '明天', '12/31/2025', '2025-12', '']) expect([bad, parseDate(bad)]).toEqual([bad, undefined]);
  expect(parseDate(7)).toBeUndefined();
  expect(parseDate(true)).toBeUndefined();
});

test('every form in a filled-in ledger, including date cells and a day number whose cell lost its format', async () => {
  const rows: Value[][] = FORMS.map(([, value], i) => [i + 1, '关于落实全面从严治党方面', `问题${i + 1}`, '', '限期整改', 'vp1', '财务科', 'fin1', value, '措施', '', value]);
  rows.push([FORMS.length + 1, '关于落实全面从严治党方面', '日期格式丢失', '', '限期整改', 'vp1', '财务科', 'fin1', SERIAL_2025_12_31, '措施', '', '2025-12-31']);
  const file = await filledTemplate(tmp('日期.xlsx'), {
    info: { ...INFO, 反馈日期: new Date(Date.UTC(2024, 8, 26)), 巡察开始: '2024年3月25日' },
    ledger: rows,
    edit: (wb) => {
      // A date typed into Excel: the day number with a date format; exceljs reads it as a Date.
      const cell = wb.getWorksheet('台账')!.getCell(`L${rows.length + 1}`);
      cell.value = SERIAL_2025_12_31;
      cell.numFmt = 'yyyy"年"m"月"d"日"';
    },
  });
  const ledger = await readLedgerFile(file);
  const dates = [...FORMS.map(([, , iso]) => [iso, iso]), ['2025-12-31', '2025-12-31']];
  expect(ledger.problems.map((p) => [p.deadline, p.measures[0]?.due])).toEqual(dates);
  expect([ledger.feedbackDate, ledger.inspectionStart]).toEqual(['2024-09-26', '2024-03-25']);
  // UTC-8 and UTC+14: the same calendar dates.
  expect(datesReadIn(['America/Los_Angeles', 'Pacific/Kiritimati'], file)).toEqual({
    'America/Los_Angeles': { offset: 480, feedbackDate: '2024-09-26', dates },
    'Pacific/Kiritimati': { offset: -840, feedbackDate: '2024-09-26', dates },
  });
});
