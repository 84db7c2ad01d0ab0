// Which evidence files (佐证材料) are accepted, decided by content, never by the name a person gave
// the file: PDF, images, Office documents (OOXML and legacy OLE2, WPS included), OFD and plain
// text. Everything else — programs, scripts, web pages and SVG (they can carry script), other
// archives, empty files — is refused. Pure: runs on the server and in the browser alike.
import { FileSample, indexOf, OLE2_MAGIC, oleKind, startsWith, u32, ZIP_MAGIC, zipEntryNames } from './file-containers';

export type { FileSample } from './file-containers';

/** How many bytes of each end of a file the sniffer wants (head and tail). */
export const SAMPLE_BYTES = 64 * 1024;

export interface FileType {
  mime: string;
  /** The canonical extension, without the dot. */
  ext: string;
  /** What to call it, for people. */
  label: string;
  /** May be shown in the browser (images and PDF); everything else is only downloaded. */
  inline: boolean;
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const TYPES = {
  pdf: { mime: 'application/pdf', ext: 'pdf', label: 'PDF 文档', inline: true },
  png: { mime: 'image/png', ext: 'png', label: '图片', inline: true },
  jpg: { mime: 'image/jpeg', ext: 'jpg', label: '图片', inline: true },
  gif: { mime: 'image/gif', ext: 'gif', label: '图片', inline: true },
  webp: { mime: 'image/webp', ext: 'webp', label: '图片', inline: true },
  bmp: { mime: 'image/bmp', ext: 'bmp', label: '图片', inline: true },
  // Only Safari draws TIFF; elsewhere an inline preview would be a blank page, so it is downloaded.
  tif: { mime: 'image/tiff', ext: 'tif', label: '图片', inline: false },
  docx: { mime: `${OOXML}.wordprocessingml.document`, ext: 'docx', label: 'Word 文档', inline: false },
  xlsx: { mime: `${OOXML}.spreadsheetml.sheet`, ext: 'xlsx', label: 'Excel 表格', inline: false },
  pptx: { mime: `${OOXML}.presentationml.presentation`, ext: 'pptx', label: 'PowerPoint 演示文稿', inline: false },
  doc: { mime: 'application/msword', ext: 'doc', label: 'Word 文档', inline: false },
  xls: { mime: 'application/vnd.ms-excel', ext: 'xls', label: 'Excel 表格', inline: false },
  ppt: { mime: 'application/vnd.ms-powerpoint', ext: 'ppt', label: 'PowerPoint 演示文稿', inline: false },
  ole: { mime: 'application/x-ole-storage', ext: 'ole', label: 'Office 文档', inline: false },
  ofd: { mime: 'application/ofd', ext: 'ofd', label: 'OFD 版式文档', inline: false },
} as const satisfies Record<string, FileType>;
const text = (charset: 'utf-8' | 'gb18030'): FileType => ({ mime: `text/plain; charset=${charset}`, ext: 'txt', label: '文本文件', inline: false });

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const BMP_HEADER_SIZES = [12, 40, 52, 56, 64, 108, 124];

/** The verdict on one file: its type, or what it seems to be when refused (for the message). */
export type Inspection = { ok: true; type: FileType } | { ok: false; looksLike?: string };

export function inspectFile(s: FileSample): Inspection {
  const h = s.head;
  if (s.size === 0 || h.length === 0) return { ok: false, looksLike: '空文件' };
  const ok = (type: FileType): Inspection => ({ ok: true, type });
  if (startsWith(h, ascii('%PDF-'))) return ok(TYPES.pdf);
  if (startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok(TYPES.png);
  if (startsWith(h, [0xff, 0xd8, 0xff])) return ok(TYPES.jpg);
  if (startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a'))) return ok(TYPES.gif);
  if (startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8)) return ok(TYPES.webp);
  if (startsWith(h, ascii('BM')) && BMP_HEADER_SIZES.includes(u32(h, 14))) return ok(TYPES.bmp);
  if (startsWith(h, [0x49, 0x49, 0x2a, 0]) || startsWith(h, [0x4d, 0x4d, 0, 0x2a])) return ok(TYPES.tif);
  if (startsWith(h, ZIP_MAGIC)) {
    const type = zipType(s);
    return type ? ok(type) : { ok: false, looksLike: '压缩包（不是 Office 文档或 OFD）' };
  }
  if (startsWith(h, OLE2_MAGIC)) {
    const kind = oleKind(s);
    return kind === 'installer' ? { ok: false, looksLike: '安装程序（MSI）' } : ok(TYPES[kind === 'office' ? 'ole' : kind]);
  }
  return textType(s);
}

/** The accepted type of a file, or null when it is refused. */
export function sniffFileType(s: FileSample): FileType | null {
  const r = inspectFile(s);
  return r.ok ? r.type : null;
}

/** OOXML by its parts: [Content_Types].xml plus the word/, xl/ or ppt/ folder; OFD by OFD.xml at the root. */
function zipType(s: FileSample): FileType | null {
  const names = zipEntryNames(s);
  if (!names) return null;
  const under = (folder: string) => [...names].some((n) => n.startsWith(folder));
  if (names.has('[Content_Types].xml')) {
    if (under('word/')) return TYPES.docx;
    if (under('xl/')) return TYPES.xlsx;
    if (under('ppt/')) return TYPES.pptx;
  }
  return names.has('OFD.xml') ? TYPES.ofd : null;
}

// Control characters other than tab, LF, FF and CR (C0, DEL, C1): a text file has none.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;
const MARKUP = /<\s*(script|html|svg|iframe)\b|<!doctype\s+html/i;

/** Decodes the sample strictly; null on any invalid sequence (or a runtime without the charset). */
function decode(s: FileSample, charset: 'utf-8' | 'gb18030'): string | null {
  const strict = () => new TextDecoder(charset, { fatal: true });
  try {
    const whole = s.head.length >= s.size;
    // stream: a character cut in two at the end of the head is held back instead of refused.
    const head = strict().decode(s.head, { stream: !whole });
    if (whole) return head;
    // The tail may begin inside a character (up to 3 bytes of it): try each starting point.
    for (let skip = 0; skip < 4; skip++) {
      try {
        return head + '\n' + strict().decode(s.tail.subarray(skip));
      } catch {
        // not a character boundary
      }
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * Plain text: the sample decodes as strict UTF-8 or, failing that, GB18030, and holds no control
 * characters but tab, LF, FF and CR (so no NUL: UTF-16 text is refused too). Refused even then:
 * scripts (a #! line) and markup (a file that starts with '<', or names html/svg/script/iframe
 * tags), which a browser might run. Only the sample is read: a text file is judged by its ends.
 */
function textType(s: FileSample): Inspection {
  let found: { charset: 'utf-8' | 'gb18030'; content: string } | null = null;
  for (const charset of ['utf-8', 'gb18030'] as const) {
    const content = decode(s, charset);
    if (content !== null && !CONTROL.test(content)) {
      found = { charset, content };
      break;
    }
  }
  if (!found) return { ok: false, looksLike: binaryLooksLike(s.head) };
  const start = found.content.replace(/^[\ufeff\s]+/, '');
  if (start.startsWith('#!')) return { ok: false, looksLike: '脚本' };
  if (start.startsWith('<') && /<svg\b/i.test(start)) return { ok: false, looksLike: 'SVG 图像（可含脚本）' };
  if (start.startsWith('<') || MARKUP.test(found.content)) return { ok: false, looksLike: '网页或标记文档（HTML/XML）' };
  return { ok: true, type: text(found.charset) };
}

const EXECUTABLES = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // MZ: Windows PE and DOS
  [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, Java class
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
];
const ARCHIVES = [
  [0x1f, 0x8b], ascii('BZh'), [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], ascii('Rar!'),
  [0x28, 0xb5, 0x2f, 0xfd], ascii('MSCF'),
];

function binaryLooksLike(h: Uint8Array): string | undefined {
  if (EXECUTABLES.some((m) => startsWith(h, m))) return '可执行程序';
  if (ARCHIVES.some((m) => startsWith(h, m))) return '压缩包';
  return indexOf(h, [0]) >= 0 ? '二进制文件' : undefined;
}

const NAME_LIMIT = 120;
const UNNAMED = '未命名文件';
// Control characters, and the bidirectional marks that can make "exe.pdf" read as "fdp.exe".
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name as given by a person, made safe to show and to offer as a download name: the last
 * path segment only (after any / or \), without control or bidi characters, with the characters
 * Windows forbids (<>:"|?*) replaced by '_', whitespace collapsed, trailing dots dropped, at most
 * 120 characters with the extension kept. Never empty, '.' or '..' ('未命名文件' instead). It is only
 * ever shown: files are stored under their SHA-256, never under this name.
 */
export function safeDisplayName(name: string): string {
  let s = String(name);
  s = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  s = s.replace(INVISIBLE, '').replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/[. ]+$/, '');
  const chars = Array.from(s); // code points: never cut a character in half
  if (chars.length > NAME_LIMIT) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(s.slice(dot)) : [];
    const keep = ext.length > 1 && ext.length <= 16 ? ext : [];
    s = chars.slice(0, NAME_LIMIT - keep.length).join('').trimEnd() + keep.join('');
  }
  return s === '' || s === '.' || s === '..' ? UNNAMED : s;
}

/** Extensions a name may keep for each canonical type; anything else gets the canonical one added. */
const NAME_EXTENSIONS: Record<string, readonly string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  tif: ['tif', 'tiff'],
  doc: ['doc', 'dot', 'wps'],
  xls: ['xls', 'xlt', 'et'],
  ppt: ['ppt', 'pps', 'pot', 'dps'],
  ole: ['doc', 'dot', 'wps', 'xls', 'xlt', 'et', 'ppt', 'pps', 'pot', 'dps'],
  txt: ['txt', 'text', 'csv', 'tsv', 'md', 'log', 'json'],
};

/**
 * The display name of an accepted file: safeDisplayName, with the extension of its real type
 * appended when the given one does not fit ("报告.exe" holding a PDF → "报告.exe.pdf", "run.bat" holding
 * text → "run.bat.txt"), so a download never opens as something other than what was checked.
 */
export function evidenceDisplayName(name: string, ext: string): string {
  const safe = safeDisplayName(name);
  const dot = safe.lastIndexOf('.');
  const given = dot > 0 ? safe.slice(dot + 1).toLowerCase() : '';
  return (NAME_EXTENSIONS[ext] ?? [ext]).includes(given) ? safe : safeDisplayName(`${safe}.${ext}`);
}
