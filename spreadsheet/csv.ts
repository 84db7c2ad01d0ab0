// Plain RFC 4180 csv, by hand: exceljs's csv reader guesses types (it turns "2025-1-5" into a
// Date in the local time zone), and the ledger parsers want the text exactly as written.

export const BOM = '\uFEFF';

export class CsvSyntaxError extends Error {}

/** Records of fields; quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quotedSince = -1;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (quotedSince >= 0) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quotedSince = -1;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quotedSince = records.length + 1;
    else if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (quotedSince >= 0) throw new CsvSyntaxError(`第${quotedSince}行起的引号没有闭合`);
  if (field !== '' || record.length) endRecord();
  return records;
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

/** With a BOM and CRLF, so Excel opens it as UTF-8 and shows the Chinese correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const line = (r: readonly string[]) => r.map((f) => (needsQuotes.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
  return BOM + rows.map(line).join('\r\n') + '\r\n';
}
