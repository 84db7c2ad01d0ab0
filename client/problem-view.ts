import type { Client } from '@temporalio/client';
import { KIND_LABEL } from '../domain/schemas';
import { ProblemData, STATUS_LABEL, WARNING_LABEL } from '../domain/problem-types';
import { problemWorkflowId } from '../domain/ids';
import type { SearchAttributes } from '../workflows/definitions';
import { table, truncate } from './format';
import * as lazy from './lazy';

/** One problem in full: the workflow's own state, which is the source of truth. */
export async function showProblem(client: Client, campaignId: string, no: number): Promise<string> {
  const d = await lazy.problemState().readProblemState(client, problemWorkflowId(campaignId, no));
  return renderProblem(d);
}

export function renderProblem(d: ProblemData): string {
  const r = d.remit;
  const lines = [
    `问题 ${d.campaignId}/${d.no}：${d.title}`,
    `状态：${STATUS_LABEL[d.status]}　类型：${KIND_LABEL[d.kind]}　预警：${WARNING_LABEL[d.warning]}`,
    `整改时限：${d.deadline ?? '无'}${d.originalDeadline && d.deadline !== d.originalDeadline ? `（承诺整改时限，原时限 ${d.originalDeadline}）` : ''}`,
    `责任领导：${r.leader.name}　责任科室：${r.department}　责任人：${r.owner.name}`,
  ];
  if (d.description) lines.push(`问题描述：${d.description}`);
  if (d.pendingExtension) lines.push(`待审批延期：${d.pendingExtension.by.name}申请延至 ${d.pendingExtension.until}（${d.pendingExtension.reason}）`);
  if (d.closedOn) lines.push(`销号日期：${d.closedOn}${d.lookBackDone ? '（回头看已确认）' : ''}`);
  lines.push('', `整改措施（${d.measures.filter((m) => m.done).length}/${d.measures.length} 已完成）：`);
  lines.push(
    table(
      ['编号', '措施', '责任人', '时限', '完成', '佐证'],
      d.measures.map((m) => [m.id, truncate(m.text, 40), m.owner, m.due, m.done ? '是' : '否', String(m.evidence.length)]),
    ),
  );
  if (d.progressReports.length) {
    lines.push('', '进展报送：', ...d.progressReports.map((p) => `  ${beijingMinute(p.at)} ${p.by.name}：${p.text}`));
  }
  lines.push('', '历史：');
  lines.push(
    table(
      ['#', '时间', '操作人', '操作', '状态变化', '理由'],
      d.history.map((h) => [
        String(h.seq),
        beijingMinute(h.at),
        h.actor.name,
        truncate(h.summary, 36),
        h.before.status === h.after.status ? STATUS_LABEL[h.after.status] : `${STATUS_LABEL[h.before.status]} → ${STATUS_LABEL[h.after.status]}`,
        h.reason ?? '',
      ]),
    ),
  );
  return lines.join('\n');
}

/** People read times in Beijing time (UTC+8, no daylight saving). */
export const beijingMinute = (iso: string | Date) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Lists problem workflows through Temporal's visibility store, by search attribute. */
export async function listWorkflows(
  client: Client,
  o: { campaign: string; status?: string; department?: string; warning?: string },
): Promise<string> {
  const { SearchAttributes } = lazy.definitions();
  const query = visibilityQuery(SearchAttributes, o);
  const rows: string[][] = [];
  for await (const wf of client.workflow.list({ query })) {
    const sa = wf.typedSearchAttributes;
    rows.push([
      wf.workflowId,
      sa.get(SearchAttributes.status) ?? '',
      sa.get(SearchAttributes.department) ?? '',
      sa.get(SearchAttributes.warning) ?? '',
      sa.get(SearchAttributes.deadline)?.toISOString().slice(0, 10) ?? '',
    ]);
  }
  rows.sort((a, b) => a[0]!.localeCompare(b[0]!, 'en', { numeric: true }));
  return `${table(['工作流', '状态', '责任科室', '预警', '时限'], rows)}\n共 ${rows.length} 个（查询：${query}）`;
}

export function visibilityQuery(attributes: typeof SearchAttributes, o: { campaign: string; status?: string; department?: string; warning?: string }): string {
  const q = (v: string) => `'${v.replace(/'/g, "\\'")}'`;
  const parts = [`WorkflowType = 'problemWorkflow'`, `${attributes.campaign.name} = ${q(o.campaign)}`];
  if (o.status) parts.push(`${attributes.status.name} = ${q(o.status)}`);
  if (o.department) parts.push(`${attributes.department.name} = ${q(o.department)}`);
  if (o.warning) parts.push(`${attributes.warning.name} = ${q(o.warning)}`);
  return parts.join(' AND ');
}
