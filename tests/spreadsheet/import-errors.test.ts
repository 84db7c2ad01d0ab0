// A corpus of broken ledgers: each refused with its exact messages, row and column in Chinese,
// and no ledger returned.
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { readLedgerFile } from '../../spreadsheet/import';
import { expectedLedger, filledTemplate, importErrors, INFO, LEDGER, ledgerWith, PEOPLE, sheet, tempDir } from './helpers';

const tmp = tempDir();
let n = 0;
const fill = (f: Parameters<typeof filledTemplate>[1]) => filledTemplate(tmp(`坏台账${++n}.xlsx`), f);

describe('bad values, each with its row and column', () => {
  test('dates that do not exist or are not dates', async () => {
    const file = await fill({ info: { ...INFO, 反馈日期: '2024-9-31' }, ledger: ledgerWith({ 2: { 8: '2025-13-01' }, 3: { 11: '2024-02-30' }, 6: { 11: '明年' } }) });
    expect(await importErrors(file)).toEqual([
      '「巡察信息」第8行 反馈日期: "2024-9-31" 不是有效日期',
      '第2行 整改时限: "2025-13-01" 不是有效日期',
      '第3行 措施时限: "2024-02-30" 不是有效日期',
      '第6行 措施时限: "明年" 不是有效日期',
    ]);
  });

  test('unknown departments and people; a department named only in 巡察信息 is known', async () => {
    const ledger = ledgerWith({ 4: { 6: '药剂科' }, 2: { 7: '张三' }, 3: { 10: '李四' } });
    expect(await importErrors(await fill({ ledger }))).toEqual([
      '第2行 责任人: 未知人员 "张三"（「人员」表中没有此编号或姓名）',
      '第3行 措施责任人: 未知人员 "李四"（「人员」表中没有此编号或姓名）',
      '第4行 责任科室: 未知科室 "药剂科"（「人员」表和「巡察信息」中都没有这个科室）',
    ]);
    const declared = await readLedgerFile(await fill({ info: { ...INFO, 科室: '药剂科' }, ledger: ledgerWith({ 4: { 6: '药剂科' } }) }));
    expect(declared.departments).toEqual(['药剂科', '财务科', '人事科']);
    expect(declared.problems[1]).toMatchObject({ no: 2, department: '药剂科' });
  });

  test('a name two people share must be written as the id', async () => {
    const people = [...PEOPLE, ['fin3', '钱科长', '副科长', '财务科', '']];
    expect(await importErrors(await fill({ people }))).toEqual(['第2行 责任人: 姓名 "钱科长" 对应多人（编号 fin1、fin3），请填写编号']);
  });

  test('整改类型, 序号 and required cells', async () => {
    const ledger = ledgerWith({ 2: { 4: '马上改' }, 4: { 0: '二', 2: '' }, 5: { 6: '', 8: '' } });
    expect(await importErrors(await fill({ ledger }))).toEqual([
      '第2行 整改类型: "马上改" 不是有效的整改类型（应为 立行立改、限期整改、长期坚持）',
      '第4行 序号: "二" 不是正整数',
      '第5行 责任科室: 不能为空',
    ]);
    // Row 3 continues row 2 (序号 left blank); row 2's wrong 序号 is reported once, not again for row 3.
    expect(await importErrors(await fill({ ledger: ledgerWith({ 2: { 0: '一' }, 3: { 0: '' } }) }))).toEqual(['第2行 序号: "一" 不是正整数']);
    // Kinds may also be written as the codes of JSON ledgers.
    const coded = await readLedgerFile(await fill({ ledger: ledgerWith({ 2: { 4: 'time-bound' }, 4: { 4: 'immediate' }, 5: { 4: 'long-term' } }) }));
    expect(coded).toEqual(expectedLedger());
  });

  test('立行立改 and 限期整改 need a deadline; a measure needs text, and a due date when the problem has none', async () => {
    const ledger = ledgerWith({ 4: { 8: '' }, 6: { 9: '', 11: '' }, 5: { 11: '' } });
    expect(await importErrors(await fill({ ledger }))).toEqual([
      '第4行 整改时限: 立行立改和限期整改的问题必须填写整改时限',
      '第5行 措施时限: 不能为空（问题没有整改时限可沿用）',
      '第6行 整改措施: 不能为空（本行填写了措施责任人或措施时限）',
    ]);
  });
});

describe('the deadline policy rows of 巡察信息', () => {
  const policy = {
    到期前提醒天数: '10、5、1', 到期当天提醒: '否', 逾期几天亮黄牌: 2, 逾期几天亮红牌: '10', 逾期后每隔几天提醒: '3',
    长期坚持每隔几天报进展: '60', 销号后几天回头看: '180', 通知时刻: '8点', 延期审批人: '办公室',
  };

  test('set rows override the defaults, blank rows keep them', async () => {
    const ledger = await readLedgerFile(await fill({ info: { ...INFO, ...policy } }));
    expect(ledger.policy).toEqual({
      reminderDaysBefore: [10, 5, 1], dueDayNotice: false, yellowAfterDays: 2, redAfterDays: 10, overdueReminderEveryDays: 3,
      longTermProgressEveryDays: 60, lookBackAfterDays: 180, notifyHour: 8, extensionApprover: 'office',
    });
    expect((await readLedgerFile(await fill({ info: { ...INFO, 逾期几天亮红牌: '5' } }))).policy).toEqual({ redAfterDays: 5 });
  });

  test('wrong values are reported with their rows', async () => {
    const file = await fill({ info: { ...INFO, 到期前提醒天数: '7、三', 到期当天提醒: '也许', 逾期几天亮红牌: '0', 通知时刻: '25', 延期审批人: '院长' } });
    expect(await importErrors(file)).toEqual([
      '「巡察信息」第11行 到期前提醒天数: "三" 应为正整数（天）',
      '「巡察信息」第12行 到期当天提醒: "也许" 应为 是 或 否',
      '「巡察信息」第14行 逾期几天亮红牌: "0" 应为正整数（天）',
      '「巡察信息」第18行 通知时刻: "25" 应为 0 到 23 之间的整点',
      '「巡察信息」第19行 延期审批人: "院长" 应为 组长 或 办公室',
    ]);
  });
});

describe('duplicate 序号', () => {
  test('with conflicting problem data: each differing cell is reported against the first row', async () => {
    const ledger = ledgerWith({}, [
      [2, '', '科研经费管理混乱', '', '', '', '', '', '', '建立科研经费台账', '', '2025-03-31'],
      [1, '', '', '', '', '', '', 'fin1', '2025-01-31', '', '', ''],
    ]);
    expect(await importErrors(await fill({ ledger }))).toEqual([
      '第7行 问题: "科研经费管理混乱" 与第4行的 "干部档案管理不规范" 不一致（序号 2 的续行应留空或与第4行相同）',
      '第8行 整改时限: "2025-01-31" 与第2行的 "2024-12-31" 不一致（序号 1 的续行应留空或与第2行相同）',
    ]);
  });

  test('a row without 序号 continues the problem above, unless its 问题 is another one', async () => {
    const ledger = ledgerWith({}, [['', '', '科研经费管理混乱', '', '', '', '', '', '', '建立科研经费台账', '', '2025-03-31']]);
    expect(await importErrors(await fill({ ledger }))).toEqual(['第7行 序号: 不能为空（只有同一问题的续行才能省略序号，本行的问题与第5行不同）']);
  });
});

describe('missing columns and sheets', () => {
  test('required columns of 台账 and 人员', async () => {
    const noDeadline = await fill({ edit: (wb) => sheet(wb, '台账').spliceColumns(9, 1) });
    expect(await importErrors(noDeadline)).toEqual(['缺少必需列：整改时限']);
    const noOwnerNoName = await fill({
      edit: (wb) => {
        sheet(wb, '台账').spliceColumns(8, 2);
        sheet(wb, '人员').spliceColumns(2, 1);
      },
    });
    expect(await importErrors(noOwnerNoName)).toEqual(['「人员」缺少必需列：姓名', '缺少必需列：责任人、整改时限']);
  });

  test('without 巡察信息 or 人员 the workbook is refused, unless a base provides them', async () => {
    const bare = await fill({
      edit: (wb) => {
        wb.removeWorksheet(sheet(wb, '巡察信息').id);
        wb.removeWorksheet(sheet(wb, '人员').id);
      },
    });
    expect(await importErrors(bare)).toEqual(['缺少「巡察信息」工作表（编号、名称、被巡察单位、巡察组、巡察开始、巡察结束、反馈日期、集中整改期截止）', '缺少「人员」工作表']);
    const { problems: _p, aspects: _a, ...base } = expectedLedger();
    expect(await readLedgerFile(bare, { base })).toEqual(expectedLedger());
    // Sheets left as in the template (人员 empty, 巡察信息 blank) also defer to the base.
    const unfilled = await fill({ info: {}, people: [] });
    expect(await readLedgerFile(unfilled, { base })).toEqual(expectedLedger());
    expect(await importErrors(unfilled)).toEqual([
      ...['编号', '名称', '被巡察单位', '巡察组', '巡察开始', '巡察结束', '反馈日期', '集中整改期截止'].map((k, i) => `「巡察信息」第${i + 2}行 ${k}: 不能为空`),
      '「人员」没有填写任何人员',
    ]);
  });

  test('a 巡察信息 row left blank or missing', async () => {
    const file = await fill({
      info: { ...INFO, 名称: '' },
      edit: (wb) => sheet(wb, '巡察信息').spliceRows(9, 1), // 集中整改期截止
    });
    expect(await importErrors(file)).toEqual(['「巡察信息」第3行 名称: 不能为空', '「巡察信息」缺少「集中整改期截止」']);
  });

  test('the leading group needs exactly one 组长 and at least one 办公室 member; roles must be known', async () => {
    const people = PEOPLE.map((p) => (p[0] === 'head' ? [...p.slice(0, 4), '副组长'] : p[0] === 'office1' ? [...p.slice(0, 4), '秘书'] : p));
    expect(await importErrors(await fill({ people }))).toEqual([
      '「人员」第5行 角色: "秘书" 不是有效角色（应为 组长、副组长、办公室、成员 或留空）',
      '「人员」角色: 没有组长：请在一人的角色中填写「组长」',
      '「人员」角色: 没有领导小组办公室人员：请至少在一人的角色中填写「办公室」',
    ]);
    const twoHeads = PEOPLE.map((p) => (p[0] === 'vp1' ? [...p.slice(0, 4), '组长'] : p));
    expect(await importErrors(await fill({ people: twoHeads }))).toEqual(['「人员」第3行 角色: 组长只能有一名（第2行已是组长）']);
  });

  test('people: 姓名 required, 编号 valid and unique', async () => {
    const people = [...PEOPLE, ['fin1', '冯会计', '', '财务科', ''], ['张 三', '张三', '', '', ''], ['x9', '', '', '', '']];
    expect(await importErrors(await fill({ people }))).toEqual([
      '「人员」第9行 编号: "fin1" 重复（第6行已使用）',
      '「人员」第10行 编号: "张 三" 不是有效编号：只能包含字母、数字、点、下划线和连字符，最长 64 位',
      '「人员」第11行 姓名: 不能为空',
    ]);
  });
});

describe('files that are not ledgers', () => {
  test('an empty file, a workbook of empty sheets, a ledger with a header only', async () => {
    const empty = tmp('空.xlsx');
    writeFileSync(empty, '');
    expect(await importErrors(empty)).toEqual(['文件为空']);
    const blank = tmp('空表.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账');
    await wb.xlsx.writeFile(blank);
    expect(await importErrors(blank)).toEqual(['文件为空']);
    expect(await importErrors(await fill({ ledger: [] }))).toEqual(['台账中没有问题：表头下面没有数据行']);
  });

  test('random bytes, a text file renamed .xlsx, a Word document, a legacy .xls, other extensions, a missing file', async () => {
    const random = tmp('随机.xlsx');
    writeFileSync(random, randomBytes(4096));
    expect(await importErrors(random)).toEqual(['不是有效的 Excel 文件']);
    const text = tmp('文本.xlsx');
    writeFileSync(text, '序号,问题\n1,财务报销审核不严\n');
    expect(await importErrors(text)).toEqual(['不是有效的 Excel 文件']);
    const word = tmp('反馈意见.xlsx');
    writeFileSync(word, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('反馈意见')] }] })));
    expect(await importErrors(word)).toEqual(['不是有效的 Excel 文件（没有工作表）']);
    const ole = tmp('旧版.xlsx');
    writeFileSync(ole, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(1024)]));
    expect(await importErrors(ole)).toEqual(['不是有效的 Excel 文件：这是旧版 .xls 或设置了密码的文件，请去掉密码并另存为 .xlsx']);
    expect(await importErrors(tmp('台账.xls'))).toEqual(['不支持旧版 .xls 格式：请在 Excel 或 WPS 中另存为 .xlsx']);
    expect(await importErrors(tmp('台账.txt'))).toEqual(['不支持的文件类型「.txt」：请使用 .xlsx、.csv 或 .json']);
    expect(await importErrors(tmp('不存在.xlsx'))).toEqual(['文件不存在']);
  });

  test('a 50 MB file is refused by its size, before any parsing', async () => {
    const tooBig = ['文件过大（50.0 MB），上限为 20.0 MB：请确认选对了文件，或删除其中的图片和无关工作表后再导入'];
    const sparse = tmp('大文件.xlsx');
    closeSync(openSync(sparse, 'w'));
    truncateSync(sparse, 50 * 1024 * 1024);
    const started = Date.now();
    expect(await importErrors(sparse)).toEqual(tooBig);
    const refusedInMs = Date.now() - started;
    // A valid ledger made big by an embedded picture: only the size check can refuse it.
    const pictured = await fill({
      store: true,
      edit: (wb) => {
        const image = wb.addImage({ buffer: Buffer.alloc(50 * 1024 * 1024) as unknown as ExcelJS.Buffer, extension: 'png' });
        sheet(wb, '说明').addImage(image, 'F2:H10');
      },
    });
    expect(statSync(pictured).size).toBeGreaterThan(50 * 1024 * 1024);
    expect(await importErrors(pictured)).toEqual([expect.stringMatching(/^文件过大（50\.\d MB），上限为 20\.0 MB：/)]);
    console.log(`50 MB file refused in ${refusedInMs} ms`);
  });
});

describe('all errors at once', () => {
  test('every error of every sheet, in sheet and row order, and nothing imported', async () => {
    const people = [...PEOPLE.slice(0, 6), ['hr1', '吴科长', '', '人事科', '成员、观察员']];
    const ledger = ledgerWith({
      2: { 8: '2025/02/30' },
      3: { 10: '王五' },
      4: { 4: '尽快', 6: '后勤科' },
      5: { 2: '' },
    }, [[4, '关于干部队伍建设方面', '选人用人不规范', '', '限期整改', 'vp2', '人事科', 'hr1', '', '', '', '']]);
    const file = await fill({ info: { ...INFO, 编号: '第五组/2024', 巡察开始: '三月' }, people, ledger });
    expect(await importErrors(file)).toEqual([
      '「巡察信息」第2行 编号: "第五组/2024" 不是有效编号：只能包含字母、数字、点、下划线和连字符，最长 64 位',
      '「巡察信息」第6行 巡察开始: "三月" 不是有效日期',
      '「人员」第8行 角色: "观察员" 不是有效角色（应为 组长、副组长、办公室、成员 或留空）',
      '第2行 整改时限: "2025/02/30" 不是有效日期',
      '第3行 措施责任人: 未知人员 "王五"（「人员」表中没有此编号或姓名）',
      '第4行 整改类型: "尽快" 不是有效的整改类型（应为 立行立改、限期整改、长期坚持）',
      '第4行 责任科室: 未知科室 "后勤科"（「人员」表和「巡察信息」中都没有这个科室）',
      '第5行 问题: 不能为空',
      '第7行 整改时限: 立行立改和限期整改的问题必须填写整改时限',
    ]);
  });

  test('the list stops at 200 lines and says how many more there are', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => [i + 1, '关于落实全面从严治党方面', `问题${i + 1}`, '', '限期整改', 'vp1', '财务科', 'fin1', `2025-13-${(i % 28) + 1}`, '', '', '']);
    const file = await fill({ ledger: rows });
    try {
      await readLedgerFile(file);
      throw new Error('expected a refusal');
    } catch (e) {
      const lines = (e as Error).message.split('\n');
      expect(lines[0]).toBe(`无法导入 ${file}：有 250 处错误，未导入任何数据`);
      expect(lines).toHaveLength(1 + 200 + 1);
      expect(lines[1]).toBe('第2行 整改时限: "2025-13-1" 不是有效日期');
      expect(lines.at(-1)).toBe('另有 50 处错误');
    }
  });
});

test('the valid ledger these variations start from imports', async () => {
  expect(await readLedgerFile(await fill({ ledger: LEDGER }))).toEqual(expectedLedger());
});
