import type { Db } from '../client';

/**
 * The latest progress note (目前进展) of every problem of a campaign written on or before `asOf`
 * ('YYYY-MM-DD', the end of that day in Shanghai): what the report quotes for unfinished problems.
 * One query for the whole campaign, whatever its size.
 */
export async function latestProgress(db: Db, campaignId: string, asOf: string): Promise<Map<number, string>> {
  const { rows } = await db.query<{ problemNo: number; text: string }>(
    `select distinct on (problem_no) problem_no as "problemNo", text from progress_reports
     where campaign_id = $1 and (at at time zone 'Asia/Shanghai')::date <= $2::date
     order by problem_no, seq desc`,
    [campaignId, asOf],
  );
  return new Map(rows.map((r) => [r.problemNo, r.text]));
}
