import type { ReportSection } from '../db/queries/list-report-texts';
import type { ReportModel } from './model';

// Default wording for the sections the office edits (rectify report-text). Sober, complete
// sentences an office can publish as they are; they carry no counts (the figures are stated once,
// from the ledger) and no contact details, which only the office knows.

export function defaultText(section: ReportSection, model: ReportModel, unfinished: number): string {
  const org = model.organisation;
  switch (section) {
    case 'organisation':
      return (
        `${org}党委坚持把巡察整改作为重要政治任务，成立巡察整改工作领导小组，` +
        `${model.headTitle ?? '党委主要负责同志'}任组长，其他班子成员任副组长，领导小组下设办公室，负责整改工作的统筹协调和督促推进。` +
        '对照巡察反馈意见，建立问题清单、任务清单、责任清单，逐项明确责任领导、责任科室、责任人和整改时限，实行台账管理、对账销号。'
      );
    case 'next-steps':
      return [
        `下一步，${org}党委将坚持目标不变、标准不降、力度不减，持续抓好巡察整改后续工作。`,
        '（一）巩固整改成果。对已完成整改的事项，适时开展“回头看”，防止问题反弹回潮。',
        unfinished > 0
          ? '（二）紧盯未完成事项。对尚未整改到位的问题，紧盯承诺整改时限，加大工作力度，逐项跟踪督办，确保按期整改到位。'
          : '（二）坚持长期整改。对需长期坚持的事项，持续跟踪推进，防止问题反复。',
        '（三）健全长效机制。坚持举一反三、标本兼治，把整改成果转化为制度成果，推动各项工作高质量发展。',
      ].join('\n');
    case 'contact':
      return '欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。';
    case 'issuer':
      return `中共${org}委员会`;
  }
}
