import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { UserError } from '../../domain/errors';
import { FsEvidenceStore, formatLimit } from '../../services/evidence-store';
import * as make from './samples';

let root: string;
let store: FsEvidenceStore;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rectify-evidence-'));
  store = new FsEvidenceStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** The bytes in chunks of 1 000, as a network upload arrives. */
const chunked = (b: Buffer) => Readable.from(Array.from({ length: Math.ceil(b.length / 1000) }, (_, i) => b.subarray(i * 1000, (i + 1) * 1000)));
/** Every file under root, relative, sorted. */
const files = (): string[] => (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((d) => d.isFile()).map((d) => path.relative(root, path.join(d.parentPath, d.name))).sort();

async function rejection(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

test('stores by the SHA-256 it computes; the same bytes twice are one stored file', async () => {
  const bytes = make.pdf();
  const first = await store.put(chunked(bytes), { maxBytes: 1024 * 1024 });
  expect(first).toEqual({ sha256: sha(bytes), size: bytes.length, mime: 'application/pdf', ext: 'pdf' });
  const second = await store.put(Readable.from([bytes]), { maxBytes: 1024 * 1024 });
  expect(second).toEqual(first);
  expect(files()).toEqual([path.join(first.sha256.slice(0, 2), first.sha256)]);
  expect(readFileSync(store.pathOf(first.sha256))).toEqual(bytes);
  expect(await store.stat(first.sha256)).toEqual(first);
  const back: Buffer[] = [];
  for await (const c of await store.open(first.sha256)) back.push(c as Buffer);
  expect(Buffer.concat(back)).toEqual(bytes);
});

test('a large upload in small chunks is hashed and sized exactly', async () => {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);
  const stored = await store.put(chunked(bytes), { maxBytes: 50 * 1024 * 1024 });
  expect(stored).toMatchObject({ sha256: sha(bytes), size: bytes.length, mime: 'application/pdf' });
});

test('exactly maxBytes passes; one byte more is PayloadTooLarge and leaves no file behind', async () => {
  const limit = 10_000;
  const ok = Buffer.from('a'.repeat(limit));
  expect(await store.put(chunked(ok), { maxBytes: limit })).toMatchObject({ size: limit, ext: 'txt' });
  const before = files();
  const e = await rejection(store.put(chunked(Buffer.concat([ok, Buffer.from('b')])), { maxBytes: limit }));
  expect(e.code).toBe('PayloadTooLarge');
  expect(e.message).toBe('文件太大：佐证材料不能超过 0.01 MB（10000 字节）');
  expect(files()).toEqual(before);
  expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
});

test('an endless upload is cut off at the limit and its stream destroyed', async () => {
  let produced = 0;
  const endless = new Readable({
    read() {
      produced += 4096;
      this.push(Buffer.alloc(4096, 0x61));
    },
  });
  const e = await rejection(store.put(endless, { maxBytes: 50 * 1024 * 1024 }));
  expect(e).toMatchObject({ code: 'PayloadTooLarge', message: '文件太大：佐证材料不能超过 50 MB' });
  expect(endless.destroyed).toBe(true);
  expect(produced).toBeLessThan(51 * 1024 * 1024);
  expect(files()).toEqual([]);
});

test('a refused type is UnsupportedMediaType, says what it looks like, and leaves nothing', async () => {
  const e = await rejection(store.put(Readable.from([make.elf()]), { maxBytes: 10 * 1024 * 1024 }));
  expect(e.code).toBe('UnsupportedMediaType');
  expect(e.message).toBe('不支持的文件类型：只接受 PDF、图片、Office 文档、OFD 和纯文本（该文件看起来是可执行程序）');
  const svg = await rejection(store.put(Readable.from([Buffer.from('<svg onload="alert(1)"/>')]), { maxBytes: 1000 }));
  expect(svg.message).toContain('SVG');
  expect(files()).toEqual([]);
});

test('a failing source stream fails the put and leaves no temp file', async () => {
  const broken = new Readable({
    read() {
      this.destroy(new Error('connection reset'));
    },
  });
  await expect(store.put(broken, { maxBytes: 1000 })).rejects.toThrow('connection reset');
  expect(files()).toEqual([]);
});

test('a malformed id never reaches the file system; an unknown one is NotFound / null', async () => {
  writeFileSync(path.join(root, 'x'), 'outside');
  for (const id of ['../x', 'A'.repeat(64), `../${'a'.repeat(61)}`, 'a'.repeat(63), `${'a'.repeat(64)}/`, '']) {
    expect((await rejection(store.open(id))).code).toBe('InvalidInput');
    expect((await rejection(store.stat(id))).code).toBe('InvalidInput');
  }
  const unknown = 'f'.repeat(64);
  expect((await rejection(store.open(unknown))).code).toBe('NotFound');
  expect(await store.stat(unknown)).toBeNull();
  expect(existsSync(path.join(root, 'ff'))).toBe(false);
});

test('a stored text file reads back as it was', async () => {
  const stored = await store.put(Readable.from([Buffer.from('整改说明\n', 'utf8')]), { maxBytes: 100 });
  expect(await text(await store.open(stored.sha256))).toBe('整改说明\n');
});

test('formatLimit speaks in MB', () => {
  expect(formatLimit(50 * 1024 * 1024)).toBe('50 MB');
  expect(formatLimit(1.5 * 1024 * 1024)).toBe('1.5 MB（1572864 字节）');
});
