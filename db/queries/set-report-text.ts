import type { Db } from '../client';
import type { ReportSection } from './list-report-texts';

/**
 * Writes one office-edited section of the report, replacing the previous text; `null` (or blank
 * text) removes it so the report falls back to the default wording. Returns whether a text is now set.
 */
export async function setReportText(db: Db, campaignId: string, section: ReportSection, text: string | null): Promise<boolean> {
  const value = text?.trim() ?? '';
  if (value === '') {
    await db.query('delete from campaign_report_texts where campaign_id = $1 and section = $2', [campaignId, section]);
    return false;
  }
  await db.query(
    `insert into campaign_report_texts (campaign_id, section, text) values ($1, $2, $3)
     on conflict (campaign_id, section) do update set text = excluded.text, updated_at = now()`,
    [campaignId, section, value],
  );
  return true;
}
