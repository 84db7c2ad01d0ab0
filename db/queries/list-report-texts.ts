import type { Db } from '../client';

/** The office-edited parts of the progress report (通报); the rest is computed from the ledger. */
export const REPORT_SECTIONS = ['organisation', 'next-steps', 'contact', 'issuer'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const REPORT_SECTION_LABEL: Record<ReportSection, string> = {
  organisation: '一、整改工作基本情况：组织领导',
  'next-steps': '三、下一步工作打算',
  contact: '结尾：欢迎监督及联系方式',
  issuer: '落款单位',
};

export interface ReportTextRow {
  section: ReportSection;
  text: string;
  updatedAt: Date;
}

export function isReportSection(s: string): s is ReportSection {
  return (REPORT_SECTIONS as readonly string[]).includes(s);
}

/** The sections the office has written for a campaign; absent sections use default wording. */
export async function listReportTexts(db: Db, campaignId: string): Promise<ReportTextRow[]> {
  const { rows } = await db.query<ReportTextRow>(
    `select section, text, updated_at as "updatedAt" from campaign_report_texts
     where campaign_id = $1 order by array_position($2::text[], section)`,
    [campaignId, REPORT_SECTIONS],
  );
  return rows;
}
