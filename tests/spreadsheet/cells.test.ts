import { cellText, fromExcel } from '../../spreadsheet/cells';
import { columnLetter } from '../../spreadsheet/headers';
import { aspectTitle, parseKind, parseSerial } from '../../spreadsheet/values';

test('exceljs values flatten to what the cell shows', () => {
  expect(fromExcel({ richText: [{ text: '财务' }, { text: '科', font: { bold: true } }] })).toBe('财务科');
  expect(fromExcel({ formula: 'A1+1', result: 3 })).toBe(3);
  expect(fromExcel({ formula: 'TODAY()' })).toBeNull();
  expect(fromExcel({ sharedFormula: 'B2', result: '限期整改' })).toBe('限期整改');
  expect(fromExcel({ text: '修订制度', hyperlink: 'https://example.org' })).toBe('修订制度');
  expect(fromExcel({ text: { richText: [{ text: '链接' }] }, hyperlink: 'x' })).toBe('链接');
  expect(fromExcel({ error: '#N/A' })).toBe('#N/A');
  expect(fromExcel(undefined)).toBeNull();
  expect(cellText('\u3000 钱科长 \u00a0')).toBe('钱科长');
  expect(cellText(true)).toBe('是');
});

test('aspect titles lose their numbering, and only their numbering', () => {
  expect(aspectTitle('（一）关于落实全面从严治党方面')).toBe('关于落实全面从严治党方面');
  expect(aspectTitle('(2) 关于选人用人方面')).toBe('关于选人用人方面');
  expect(aspectTitle('三、关于巡察整改方面')).toBe('关于巡察整改方面');
  expect(aspectTitle('1. 关于作风建设方面')).toBe('关于作风建设方面');
  // "三重一大" starts with a numeral but is not numbered.
  expect(aspectTitle('三重一大制度执行方面')).toBe('三重一大制度执行方面');
});

test('序号 and 整改类型', () => {
  expect([parseSerial(3), parseSerial('12'), parseSerial('3.'), parseSerial('４'), parseSerial(1.5), parseSerial('0'), parseSerial('二')]).toEqual([3, 12, 3, 4, undefined, undefined, undefined]);
  expect([parseKind('立行立改'), parseKind(' 限期 整改 '), parseKind('长期坚持'), parseKind('long-term'), parseKind('马上')]).toEqual(['immediate', 'time-bound', 'long-term', 'long-term', undefined]);
});

test('column letters as Excel names them', () => {
  expect([0, 11, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'L', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});
