// Rebuilds demo/ledger.json from the Qingyuan seed (a real published report) with the same code
// as `rectify campaign create --from-report`. The report's problems are old; for a live demo the
// deadlines are moved into the coming months, one week apart, so reminders and warnings happen.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '../domain/dates';
import { parseReport } from '../report/parse';
import { inspectionFacts } from '../report/preamble';
import { ledgerFromReport } from '../report/to-ledger';

const FIRST_DEADLINE = '2026-12-20';
const text = readFileSync(path.resolve(__dirname, '../tests/fixtures/seeds/qingyuan-peoples-2025.txt'), 'utf8');
const ledger = ledgerFromReport(parseReport(text), { id: 'qingyuan-2024', periodEnd: '2027-03-31', facts: inspectionFacts(text) });
ledger.name = '清远市人民医院巡察整改（演示）';
for (const p of ledger.problems) {
  p.deadline = p.kind === 'long-term' ? undefined : addDays(FIRST_DEADLINE, 7 * (p.no - 1));
  for (const m of p.measures) m.due = p.deadline ?? '2027-03-31';
}
writeFileSync(path.resolve(__dirname, '../demo/ledger.json'), `${JSON.stringify(ledger, null, 2)}\n`);
process.stdout.write(`demo/ledger.json: ${ledger.problems.length} problems, ${ledger.problems.reduce((n, p) => n + p.measures.length, 0)} measures\n`);
