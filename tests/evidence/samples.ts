// Real files of each kind, made here byte by byte or by the libraries the project already uses
// (docx, exceljs, and jszip, which both depend on), so the sniffer is tested on what people upload.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FileSample } from '../../domain/file-types';
import { SAMPLE_BYTES } from '../../domain/file-types';

/** What the store hands the sniffer: the first and last 64 KiB. */
export const sampleOf = (b: Uint8Array): FileSample => ({
  head: b.subarray(0, SAMPLE_BYTES),
  tail: b.subarray(Math.max(0, b.length - SAMPLE_BYTES)),
  size: b.length,
});

const u32be = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** A one-page PDF whose cross-reference table gives the true byte offsets. */
export function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 21 >>\nstream\n0 0 m 100 100 l S\nendstream',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A real PNG (8-bit RGB), encoded here: signature, IHDR, zlib-compressed IDAT, IEND. */
export function png(width = 2, height = 2): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32be(data.length), td, u32be(crc32(td))]);
  };
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  const rows = Buffer.alloc(height * (1 + width * 3), 0x80);
  for (let y = 0; y < height; y++) rows[y * (1 + width * 3)] = 0; // filter type None
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF JPEG (SOI, APP0) and its end marker. */
export const jpeg = (): Buffer =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

/** The classic 1×1 transparent GIF89a, complete. */
export const gif = (): Buffer => Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** A complete 1×1 24-bit BMP: file header, BITMAPINFOHEADER, one padded pixel row. */
export function bmp(): Buffer {
  const b = Buffer.alloc(58);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(58, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(1, 18);
  b.writeInt32LE(1, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(4, 34);
  b.set([0, 0, 255], 54);
  return b;
}

export const webp = (): Buffer => Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(18, 1)]);
export const tiff = (): Buffer => Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0]), Buffer.alloc(16, 1)]);

export async function docx(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph('关于修订财务报销管理办法的通知')] }] });
  return Packer.toBuffer(doc);
}

export async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('整改台账').addRow(['序号', '问题', '整改时限']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A ZIP of the given entries; STORE keeps large random entries as large as they are. */
export async function zip(entries: Record<string, string | Uint8Array>, store = false): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(entries)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: store ? 'STORE' : 'DEFLATE' });
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
export const pptx = () => zip({ '[Content_Types].xml': CONTENT_TYPES, 'ppt/presentation.xml': '<p:presentation/>', '_rels/.rels': '<Relationships/>' });
export const ofd = () => zip({ 'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"/>', 'Doc_0/Document.xml': '<ofd:Document/>' });
/** A docx-shaped package larger than head + tail, its directory only in the tail. */
export const bigDocx = () => zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>', 'word/media/image1.png': randomBytes(300_000) }, true);
/** A package whose central directory (3 000 entries) is larger than the tail. */
export const manyEntries = (first: Record<string, string>) =>
  zip({ ...first, ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`word/media/some-rather-long-image-name-${i}.png`, `${i}`])) }, true);

/**
 * A minimal OLE2 compound file (version 3, 512-byte sectors): header, one FAT sector, one
 * directory sector with the root entry and the given (empty) streams.
 */
export function ole2(streams: string[], rootClsid?: Buffer): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory starts at sector 1
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(0xfffffffe, 60);
  header.writeUInt32LE(0xfffffffe, 68);
  for (let i = 76; i < 512; i += 4) header.writeUInt32LE(0xffffffff, i);
  header.writeUInt32LE(0, 76); // the FAT is sector 0
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(0xfffffffe, 4);
  const dir = Buffer.alloc(512);
  const names = ['Root Entry', ...streams].slice(0, 4);
  for (let i = 0; i < 4; i++) dir.fill(0xff, i * 128 + 68, i * 128 + 80); // no siblings, no child
  names.forEach((name, i) => {
    const e = dir.subarray(i * 128, (i + 1) * 128);
    e.write(name, 0, 'utf16le');
    e.writeUInt16LE((name.length + 1) * 2, 64);
    e[66] = i === 0 ? 5 : 2; // root storage, then streams
    e[67] = 1; // black
    e.writeUInt32LE(0xffffffff, 68);
    // The streams hang off the root as a chain of right siblings.
    e.writeUInt32LE(i > 0 && i + 1 < names.length ? i + 1 : 0xffffffff, 72);
    e.writeUInt32LE(i === 0 && streams.length ? 1 : 0xffffffff, 76);
    if (i === 0 && rootClsid) rootClsid.copy(e, 80);
    e.writeUInt32LE(0xfffffffe, 116);
  });
  return Buffer.concat([header, fat, dir]);
}
export const MSI_CLSID = Buffer.from([0x84, 0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46]);

export const elf = (): Buffer => readFileSync('/bin/true');
/** A DOS stub and PE signature, as every Windows program starts. */
export const pe = (): Buffer => {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(128, 0x3c);
  b.write('PE\0\0', 128, 'latin1');
  return b;
};

/**
 * The same ZIP with a ZIP64 end record, as large-file writers produce it: the classic end record's
 * fields set to 0xFFFF… and the real values in the ZIP64 record found through its locator.
 */
export function asZip64(z: Buffer): Buffer {
  const end = z.length - 22; // jszip writes no archive comment
  const entries = z.readUInt16LE(end + 10);
  const cdSize = z.readUInt32LE(end + 12);
  const cdOffset = z.readUInt32LE(end + 16);
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeUInt16LE(45, 12);
  rec.writeUInt16LE(45, 14);
  rec.writeBigUInt64LE(BigInt(entries), 24);
  rec.writeBigUInt64LE(BigInt(entries), 32);
  rec.writeBigUInt64LE(BigInt(cdSize), 40);
  rec.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(end), 8);
  locator.writeUInt32LE(1, 16);
  const classic = Buffer.from(z.subarray(end));
  classic.writeUInt16LE(0xffff, 8);
  classic.writeUInt16LE(0xffff, 10);
  classic.writeUInt32LE(0xffffffff, 12);
  classic.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([z.subarray(0, end), rec, locator, classic]);
}
