import { encode } from 'iconv-lite';
import { evidenceDisplayName, inspectFile, safeDisplayName, sniffFileType } from '../../domain/file-types';
import * as make from './samples';

const sniff = (b: Uint8Array) => sniffFileType(make.sampleOf(b));
const looksLike = (b: Uint8Array) => {
  const r = inspectFile(make.sampleOf(b));
  return r.ok ? `accepted as ${r.type.mime}` : r.looksLike;
};

describe('sniffFileType accepts what rectification evidence is made of', () => {
  test('PDF and images, by their magic bytes; inline preview for PDF and the images browsers draw', () => {
    expect(sniff(make.pdf())).toEqual({ mime: 'application/pdf', ext: 'pdf', label: 'PDF 文档', inline: true });
    expect(sniff(make.png())).toEqual({ mime: 'image/png', ext: 'png', label: '图片', inline: true });
    expect(sniff(make.jpeg())).toEqual({ mime: 'image/jpeg', ext: 'jpg', label: '图片', inline: true });
    expect(sniff(make.gif())).toEqual({ mime: 'image/gif', ext: 'gif', label: '图片', inline: true });
    expect(sniff(make.webp())).toMatchObject({ mime: 'image/webp', inline: true });
    expect(sniff(make.bmp())).toMatchObject({ mime: 'image/bmp', inline: true });
    expect(sniff(make.tiff())).toMatchObject({ mime: 'image/tiff', label: '图片', inline: false });
  });

  test('OOXML by the central directory: a real .docx (docx) and .xlsx (exceljs), a .pptx package', async () => {
    expect(sniff(await make.docx())).toEqual({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word 文档', inline: false,
    });
    expect(sniff(await make.xlsx())).toMatchObject({ ext: 'xlsx', label: 'Excel 表格', inline: false });
    expect(sniff(await make.pptx())).toMatchObject({ ext: 'pptx', label: 'PowerPoint 演示文稿', inline: false });
  });

  test('a package larger than head and tail is read from the tail; a directory larger than the tail still works', async () => {
    const big = await make.bigDocx();
    expect(big.length).toBeGreaterThan(2 * 64 * 1024);
    expect(sniff(big)).toMatchObject({ ext: 'docx' });
    const many = await make.manyEntries({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(many.length).toBeGreaterThan(3 * 64 * 1024);
    expect(sniff(many)).toMatchObject({ ext: 'docx' });
    expect(sniff(await make.manyEntries({ 'readme.txt': 'x' }))).toBeNull();
  });

  test('ZIP64 end records are followed to the central directory', async () => {
    expect(sniff(make.asZip64(await make.xlsx()))).toMatchObject({ ext: 'xlsx' });
    expect(sniff(make.asZip64(await make.ofd()))).toMatchObject({ ext: 'ofd' });
    expect(sniff(make.asZip64(await make.zip({ 'a.js': 'x' })))).toBeNull();
  });

  test('OFD: a ZIP with OFD.xml at the root', async () => {
    expect(sniff(await make.ofd())).toEqual({ mime: 'application/ofd', ext: 'ofd', label: 'OFD 版式文档', inline: false });
    expect(sniff(await make.zip({ 'sub/OFD.xml': '<x/>' }))).toBeNull();
  });

  test('legacy Office (OLE2): Word, Excel and PowerPoint by their main stream; other compound files as Office 文档', () => {
    expect(sniff(make.ole2(['WordDocument', '1Table']))).toEqual({ mime: 'application/msword', ext: 'doc', label: 'Word 文档', inline: false });
    expect(sniff(make.ole2(['Workbook']))).toMatchObject({ ext: 'xls', label: 'Excel 表格' });
    expect(sniff(make.ole2(['PowerPoint Document', 'Current User']))).toMatchObject({ ext: 'ppt', label: 'PowerPoint 演示文稿' });
    expect(sniff(make.ole2(['EncryptedPackage']))).toMatchObject({ mime: 'application/x-ole-storage', label: 'Office 文档' });
  });

  test('plain text: UTF-8 Chinese, GB18030 Chinese, and both when a character is cut at the 64 KiB edges', () => {
    const chinese = '关于巡察反馈问题整改情况的说明\r\n一是修订制度；二是\t追缴资金。\f\n';
    expect(sniff(Buffer.from(chinese, 'utf8'))).toEqual({ mime: 'text/plain; charset=utf-8', ext: 'txt', label: '文本文件', inline: false });
    const gb = encode(chinese, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow(); // really not UTF-8
    expect(sniff(gb)).toMatchObject({ mime: 'text/plain; charset=gb18030', ext: 'txt' });
    expect(sniff(Buffer.from('\ufeffwith a BOM\n'))).toMatchObject({ ext: 'txt' });
    // 3-byte characters: 65 536 is no multiple of 3, so the head ends and the tail begins mid-character.
    expect(sniff(Buffer.from('整改'.repeat(40_000), 'utf8'))).toMatchObject({ mime: 'text/plain; charset=utf-8' });
    expect(sniff(encode('a' + '整改'.repeat(40_000), 'gb18030'))).toMatchObject({ mime: 'text/plain; charset=gb18030' });
  });
});

describe('sniffFileType refuses everything else, whatever its name', () => {
  test('programs: ELF (/bin/true), Windows PE, Mach-O', () => {
    expect(sniff(make.elf())).toBeNull();
    expect(looksLike(make.elf())).toBe('可执行程序');
    expect(looksLike(make.pe())).toBe('可执行程序');
    expect(looksLike(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1, 3, 0, 0, 0]))).toBe('可执行程序');
  });

  test('a program with a .docx appended (self-extracting style) is still a program: a ZIP must start the file', async () => {
    const sfx = Buffer.concat([make.pe(), await make.docx()]);
    expect(looksLike(sfx)).toBe('可执行程序');
  });

  test('scripts, web pages and SVG, even though they are text', () => {
    expect(looksLike(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('脚本');
    expect(looksLike(Buffer.from('\ufeff  #!/usr/bin/env python3\nprint(1)\n'))).toBe('脚本');
    expect(looksLike(Buffer.from('<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>'))).toBe('网页或标记文档（HTML/XML）');
    expect(looksLike(Buffer.from('说明\n<script>alert(1)</script>\n'))).toBe('网页或标记文档（HTML/XML）');
    expect(looksLike(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBe('SVG 图像（可含脚本）');
    expect(looksLike(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe('SVG 图像（可含脚本）');
  });

  test('archives that are not Office or OFD, installers, empty and binary files', async () => {
    expect(looksLike(await make.zip({ 'a.exe': 'MZ', 'notes/b.txt': 'hello' }))).toBe('压缩包（不是 Office 文档或 OFD）');
    // [Content_Types].xml alone is not enough: it must hold a Word, Excel or PowerPoint part.
    expect(sniff(await make.zip({ '[Content_Types].xml': '<Types/>', 'other/x.xml': '<x/>' }))).toBeNull();
    expect(looksLike(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toBe('压缩包');
    expect(looksLike(make.ole2(['\u0005SummaryInformation'], make.MSI_CLSID))).toBe('安装程序（MSI）');
    expect(looksLike(Buffer.alloc(0))).toBe('空文件');
    expect(looksLike(Buffer.from('UTF-16 text', 'utf16le'))).toBe('二进制文件');
    expect(sniff(Buffer.from('a bell \u0007 in text'))).toBeNull();
    // Truncated: a ZIP start without an end record is no ZIP anyone can open.
    expect(sniff((await make.docx()).subarray(0, 200))).toBeNull();
  });
});

describe('display names', () => {
  test('safeDisplayName keeps only a harmless base name', () => {
    expect(safeDisplayName('../../etc/passwd')).toBe('passwd');
    expect(safeDisplayName('a\u0000b.pdf')).toBe('ab.pdf');
    expect(safeDisplayName('C:\\x\\y.docx')).toBe('y.docx');
    expect(safeDisplayName('..')).toBe('未命名文件');
    expect(safeDisplayName('.')).toBe('未命名文件');
    expect(safeDisplayName('   ')).toBe('未命名文件');
    expect(safeDisplayName('dir/')).toBe('未命名文件');
    expect(safeDisplayName('  整改   报告\t\n.pdf  ')).toBe('整改 报告.pdf');
    expect(safeDisplayName('发票\u202Efdp.exe')).toBe('发票fdp.exe');
    expect(safeDisplayName('a<b>:"c"|?*.txt')).toBe('a_b___c____.txt');
  });

  test('a 400-character name is cut to 120, keeping its extension and whole characters', () => {
    const long = safeDisplayName(`${'整改'.repeat(200)}.docx`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long).toBe(`${'整改'.repeat(57)}整.docx`);
    const emoji = safeDisplayName('😀'.repeat(400));
    expect(Array.from(emoji)).toHaveLength(120);
    expect(emoji).toBe('😀'.repeat(120));
  });

  test('evidenceDisplayName adds the real type\'s extension when the given one does not fit', () => {
    expect(evidenceDisplayName('报告.PDF', 'pdf')).toBe('报告.PDF');
    expect(evidenceDisplayName('报告.exe', 'pdf')).toBe('报告.exe.pdf');
    expect(evidenceDisplayName('run.bat', 'txt')).toBe('run.bat.txt');
    expect(evidenceDisplayName('台账.csv', 'txt')).toBe('台账.csv');
    expect(evidenceDisplayName('照片.jpeg', 'jpg')).toBe('照片.jpeg');
    expect(evidenceDisplayName('会议纪要.wps', 'doc')).toBe('会议纪要.wps');
    expect(evidenceDisplayName('..', 'png')).toBe('未命名文件.png');
    expect(Array.from(evidenceDisplayName('长'.repeat(300), 'pdf'))).toHaveLength(120);
  });
});
