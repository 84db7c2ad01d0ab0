// The 说明 sheet: what goes in each column, with an example, for the office clerk filling it in.
import type { Cell } from './cells';
import { EXPORT_COLUMNS, KIND_LABELS, LedgerColumn, META_FIELDS, PeopleColumn, ROLE_LABEL, ROLES, SHEET, DEPARTMENTS_LABEL } from './layout';
import { POLICY_FIELDS, POLICY_KEYS } from './policy-fields';

export const GUIDE_COLUMNS = ['工作表', '列 / 项目', '是否必填', '说明', '示例'] as const;

const NOTES: readonly (readonly [string, string])[] = [
  ['填写方法', '「台账」每行一条整改措施。一个问题有多条措施时，在下面几行重复填写同一序号，问题的各列可以留空（或与首行完全相同）；序号留空的行也算上一个问题的续行。没有措施的问题占一行，措施各列留空。'],
  ['日期', '可以写 2025-12-31、2025/12/31、2025.12.31、2025年12月31日、2025-1-5，也可以用 Excel 的日期单元格。'],
  ['人员', '责任领导、责任人、措施责任人填「人员」表中的编号或姓名；两人同名时须填编号。'],
  ['科室', '责任科室须是「人员」表「科室」列或「巡察信息」「科室」一行中出现过的科室。'],
  ['方面', '同一方面每次写法相同即可；可带「（一）」等编号，编号不影响归类。方面按第一次出现的先后编号。'],
  ['导出的附加列', `导出的台账在模板各列之后还有 ${EXPORT_COLUMNS.join('、')} 等列，再次导入时忽略。`],
  ['联系方式', '「人员」表的邮箱、手机、企业微信、钉钉、飞书各列选填，用于把提醒送到本人；只更新填写了的格子。同一台账改了联系方式后可以再次导入，只更新联系方式。'],
  ['CSV', 'CSV 文件只含「台账」一张表，须为 UTF-8 编码（Excel：另存为「CSV UTF-8（逗号分隔）」）；巡察信息和人员须另外提供（例如填好这两张表的 .xlsx）。'],
];

const LEDGER: Readonly<Record<LedgerColumn, readonly [required: string, explain: string, example: string]>> = {
  序号: ['必填', '问题的序号，正整数；不同问题不能用同一序号', '1'],
  方面: ['必填', '问题所属的方面', '（一）关于落实全面从严治党主体责任方面'],
  问题: ['必填', '问题（简要标题）', '大额资金支出未经集体决策'],
  问题描述: ['选填', '问题的具体表现', '2023年以来有3笔大额支出未经党委会研究'],
  整改类型: ['必填', `${KIND_LABELS.join('、')} 之一`, '限期整改'],
  责任领导: ['必填', '分管的院领导（编号或姓名）', '李院长'],
  责任科室: ['必填', '牵头整改的科室', '财务科'],
  责任人: ['必填', '科室的责任人（编号或姓名）', '钱科长'],
  整改时限: ['立行立改、限期整改必填', '问题整改完成的期限；长期坚持的问题可以留空', '2025-03-31'],
  整改措施: ['有措施时必填', '一条整改措施', '修订“三重一大”决策制度'],
  措施责任人: ['选填', '这条措施的责任人（编号或姓名）；留空则为问题的责任人', '孙会计'],
  措施时限: ['选填', '这条措施的完成期限；留空则为问题的整改时限', '2025-02-28'],
};

const PEOPLE: Readonly<Record<PeopleColumn, readonly [string, string, string]>> = {
  编号: ['选填', '人员编号（字母、数字、点、下划线、连字符）；留空时按姓名引用，系统自动编号', 'fin1'],
  姓名: ['必填', '姓名或称呼', '钱科长'],
  职务: ['选填', '职务', '财务科科长'],
  科室: ['选填', '所在科室；院领导和办公室人员可以留空', '财务科'],
  角色: ['选填', `在整改领导小组中的角色：${ROLES.map((r) => ROLE_LABEL[r]).join('、')}；一人多个角色用顿号分隔；组长恰好一名，办公室至少一人；其他人员留空`, '副组长'],
  邮箱: ['选填', '接收提醒的电子邮箱（表头也可写「电子邮箱」「Email」）；留空不改动已有的联系方式，联系方式变更不影响已载入的台账', 'qian@hospital.cn'],
  手机: ['选填', '手机号（表头也可写「手机号」「联系电话」）', '13800138000'],
  企业微信: ['选填', '企业微信 userid：科室群机器人发提醒时 @ 此人（表头也可写「企业微信账号」）', 'QianKeZhang'],
  钉钉: ['选填', '钉钉 userId：科室群机器人发提醒时 @ 此人（表头也可写「钉钉账号」）', 'manager4521'],
  飞书: ['选填', '飞书 open_id：科室群机器人发提醒时 @ 此人（表头也可写「飞书账号」）', 'ou_7d8a6e6df7621556ce0d21922b676706'],
};

export function guideRows(): Cell[][] {
  return [
    ...NOTES.map(([topic, text]): Cell[] => ['（通用）', topic, '', text, '']),
    ...Object.entries(LEDGER).map(([column, [req, text, example]]): Cell[] => [SHEET.ledger, column, req, text, example]),
    ...META_FIELDS.map((f): Cell[] => [SHEET.info, f.label, '必填', f.hint, f.example]),
    [SHEET.info, DEPARTMENTS_LABEL, '选填', '还没有人员的科室，用顿号分隔；「人员」表中出现的科室会自动加入', '药剂科、设备科'],
    ...POLICY_KEYS.map((k): Cell[] => [SHEET.info, POLICY_FIELDS[k].label, '选填', POLICY_FIELDS[k].hint, '']),
    ...Object.entries(PEOPLE).map(([column, [req, text, example]]): Cell[] => [SHEET.people, column, req, text, example]),
  ];
}
