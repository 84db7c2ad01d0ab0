import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReport } from '../../report/parse';
import { inspectionFacts } from '../../report/preamble';
import { DEFAULT_DIRECTORY, ledgerFromReport, suggestDepartment } from '../../report/to-ledger';

const seed = (name: string) => readFileSync(path.join(__dirname, '../fixtures/seeds', `${name}.txt`), 'utf8');

describe('a campaign from a published report', () => {
  it('reads who inspected and when from each seed preamble', () => {
    expect(inspectionFacts(seed('qingyuan-peoples-2025'))).toEqual({ team: '市委第二巡察组', start: '2023-09-08', end: '2023-12-27' });
    expect(inspectionFacts(seed('luoyang-mch-2025'))).toEqual({ team: '市委第九巡察组', start: '2024-07-19', end: '2024-09-14' });
    expect(inspectionFacts(seed('dezhou-mch-2025'))).toEqual({ team: '市委第五巡察组', start: '2024-03-31', end: '2024-06-30' });
  });

  it('closes completed problems and opens unfinished ones with their committed deadline (luoyang)', () => {
    const text = seed('luoyang-mch-2025');
    const ledger = ledgerFromReport(parseReport(text), { id: 'luoyang', facts: inspectionFacts(text) });
    expect(ledger.problems).toHaveLength(71);
    expect(ledger.problems.filter((p) => p.closed)).toHaveLength(68);
    const open = ledger.problems.filter((p) => !p.closed);
    expect(open.map((p) => p.deadline)).toEqual(['2025-12-31', '2025-12-31', '2025-12-31']);
    expect(ledger.problems.reduce((n, p) => n + p.measures.length, 0)).toBe(219);
    expect(ledger.feedbackDate).toBe('2024-10-30');
    expect(ledger.concentratedPeriodEnd).toBe('2025-01-28');
  });

  it('keeps every problem open when the report does not split them (qingyuan), with the default deadline', () => {
    const ledger = ledgerFromReport(parseReport(seed('qingyuan-peoples-2025')), { id: 'qingyuan', deadline: '2027-01-31' });
    expect(ledger.problems).toHaveLength(14);
    expect(ledger.problems.every((p) => !p.closed && p.deadline === '2027-01-31')).toBe(true);
    expect(ledger.aspects).toHaveLength(4);
  });

  it('suggests a department from keywords, falling back to the last one', () => {
    expect(suggestDepartment(DEFAULT_DIRECTORY, '严格财务管理，杜绝风险漏洞')).toBe('财务科');
    expect(suggestDepartment(DEFAULT_DIRECTORY, '严实抓队伍建设管理，提升选人用人良好风气')).toBe('人事科');
    expect(suggestDepartment(DEFAULT_DIRECTORY, '改善停车秩序')).toBe('院长办公室');
  });
});
