// Readers for the two container formats Office documents come in: ZIP (OOXML, OFD) and OLE2
// compound files (legacy .doc/.xls/.ppt, WPS). They see only a sample of the file — its first and
// last 64 KiB — because the store sniffs without reading a 50 MB upload twice. Pure byte work, no
// Node built-ins: this also runs in the browser.

/** The first and last bytes of a file: head = bytes [0, head.length), tail = the last tail.length bytes. */
export interface FileSample {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
}

/** Little-endian unsigned integers; -1 when the bytes are not all there. */
export function u16(b: Uint8Array, i: number): number {
  return i < 0 || i + 2 > b.length ? -1 : b[i]! | (b[i + 1]! << 8);
}
export function u32(b: Uint8Array, i: number): number {
  return i < 0 || i + 4 > b.length ? -1 : u16(b, i) + u16(b, i + 2) * 0x10000;
}
/** Safe below 2^53, far beyond any size we accept. */
const u64 = (b: Uint8Array, i: number): number => (i < 0 || i + 8 > b.length ? -1 : u32(b, i) + u32(b, i + 4) * 0x1_0000_0000);

export const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  b.length >= at + bytes.length && bytes.every((x, k) => b[at + k] === x);

/** The bytes at [offset, offset + length) of the file, if the sample holds them. */
export function sampleSlice(s: FileSample, offset: number, length: number): Uint8Array | null {
  if (offset < 0 || length < 0 || offset + length > s.size) return null;
  if (offset + length <= s.head.length) return s.head.subarray(offset, offset + length);
  const tailStart = s.size - s.tail.length;
  if (offset >= tailStart) return s.tail.subarray(offset - tailStart, offset - tailStart + length);
  return null;
}

export function indexOf(b: Uint8Array, pattern: readonly number[], from = 0): number {
  outer: for (let i = from; i + pattern.length <= b.length; i++) {
    for (let k = 0; k < pattern.length; k++) if (b[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 } as const;
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const names = new TextDecoder('utf-8');

/** Central directory records from `start` on; stops at the first thing that is not one. */
function readCentral(b: Uint8Array, start: number, into: Set<string>): void {
  let i = start;
  while (u32(b, i) === SIG.central && i + 46 <= b.length) {
    const n = u16(b, i + 28);
    into.add(names.decode(b.subarray(i + 46, i + 46 + n)));
    i += 46 + n + u16(b, i + 30) + u16(b, i + 32);
  }
}

/** Local file headers from the start of the file, as far as the head reaches. */
function readLocal(head: Uint8Array, into: Set<string>): void {
  let i = 0;
  while (u32(head, i) === SIG.local && i + 30 <= head.length) {
    const n = u16(head, i + 26);
    into.add(names.decode(head.subarray(i + 30, i + 30 + n)));
    // Bit 3: sizes come after the data, so the next header cannot be found from here.
    if (u16(head, i + 6) & 8) break;
    i += 30 + n + u16(head, i + 28) + u32(head, i + 18);
  }
}

/**
 * The entry names of a ZIP file, read from its central directory (found through the
 * end-of-central-directory record in the tail; ZIP64 too). When the directory is larger than the
 * sample, the part in the tail plus the local headers in the head stand in for it. Null when no
 * end record is found: then it is no ZIP a reader would open.
 */
export function zipEntryNames(s: FileSample): Set<string> | null {
  const t = s.tail;
  const tailStart = s.size - t.length;
  let end = -1;
  // The record is 22 bytes plus a comment of up to 65 535; it must end exactly at the file's end.
  for (let i = t.length - 22; i >= 0 && i >= t.length - 22 - 0xffff; i--) {
    if (u32(t, i) === SIG.end && i + 22 + u16(t, i + 20) === t.length) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  let cdSize = u32(t, end + 12);
  let cdOffset = u32(t, end + 16);
  if (cdSize === 0xffffffff || cdOffset === 0xffffffff || u16(t, end + 10) === 0xffff) {
    const locator = end - 20;
    if (u32(t, locator) !== SIG.locator64) return null;
    const rec = sampleSlice(s, u64(t, locator + 8), 56);
    if (!rec || u32(rec, 0) !== SIG.end64) return null;
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > tailStart + end) return null;
  const found = new Set<string>();
  const cd = sampleSlice(s, cdOffset, cdSize);
  if (cd) {
    readCentral(cd, 0, found);
    return found;
  }
  // Too large for the sample: what the tail holds of the directory, and the first local headers.
  const visible = t.subarray(0, Math.max(0, cdOffset + cdSize - tailStart));
  const first = indexOf(visible, [0x50, 0x4b, 0x01, 0x02]);
  if (first >= 0) readCentral(visible, first, found);
  readLocal(s.head, found);
  return found;
}

export const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

const utf16 = (name: string): number[] => [...name].flatMap((c) => [c.charCodeAt(0), 0]).concat([0, 0]);
/** Stream names of the Office formats (WPS writes the same ones), as stored in the directory. */
const OLE_STREAMS = [
  { kind: 'doc', pattern: utf16('WordDocument') },
  { kind: 'xls', pattern: utf16('Workbook') },
  { kind: 'ppt', pattern: utf16('PowerPoint Document') },
] as const;
export type OleKind = (typeof OLE_STREAMS)[number]['kind'] | 'office' | 'installer';

/**
 * What an OLE2 compound file holds. 'installer' when the root entry carries the class id of a
 * Windows Installer package (MSI/MSP/MST, {000C108x-0000-0000-C000-000000000046}); a Word, Excel or
 * PowerPoint kind when its main stream's name is in the sample; 'office' when the directory lies
 * outside the sample (large files) and nothing better can be said.
 */
export function oleKind(s: FileSample): OleKind {
  const shift = u16(s.head, 30);
  const firstDir = u32(s.head, 48);
  if ((shift === 9 || shift === 12) && firstDir >= 0) {
    const root = sampleSlice(s, (firstDir + 1) * 2 ** shift, 128);
    const clsid = root?.subarray(80, 96);
    if (clsid && [0x82, 0x84, 0x86].includes(clsid[0]!) && startsWith(clsid, [0x10, 0x0c, 0x00, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46], 1)) {
      return 'installer';
    }
  }
  for (const { kind, pattern } of OLE_STREAMS) {
    if (indexOf(s.head, pattern) >= 0 || indexOf(s.tail, pattern) >= 0) return kind;
  }
  return 'office';
}
