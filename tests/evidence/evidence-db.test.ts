import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { findEvidenceUpload } from '../../db/queries/find-evidence-upload';
import { insertCampaign } from '../../db/queries/insert-campaign';
import { listEvidenceUploads } from '../../db/queries/list-evidence-uploads';
import { recordEvidenceUpload } from '../../db/queries/record-evidence-upload';
import { UserError } from '../../domain/errors';
import { EvidenceSchema } from '../../domain/problem-types';
import { DEFAULT_EVIDENCE_MAX_BYTES, evidenceStoreFor, storeEvidence, storeEvidenceFile } from '../../services/evidence';
import { FsEvidenceStore } from '../../services/evidence-store';
import { migratedPg, TestDb } from '../db/pg';
import { smallLedger } from '../support/ledger';
import * as make from './samples';

let t: TestDb;
let dataDir: string;
let store: FsEvidenceStore;
const campaignId = 'evidence-campaign';
beforeAll(async () => {
  t = await migratedPg();
  await insertCampaign(t.db, smallLedger({ id: campaignId }));
  dataDir = mkdtempSync(path.join(tmpdir(), 'rectify-evidence-db-'));
  store = evidenceStoreFor(dataDir);
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const count = async (table: string) => (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

describe('queries', () => {
  const file = { sha256: hex('minutes'), size: 1234, mime: 'application/pdf' };

  test('recordEvidenceUpload keeps one file row and one row per upload; find gives the newest, list all in order', async () => {
    const a = await recordEvidenceUpload(t.db, { campaignId, problemNo: 1, ...file, name: '党委会纪要.pdf', uploadedBy: 'fin1' });
    const b = await recordEvidenceUpload(t.db, { campaignId, problemNo: 1, ...file, name: '党委会纪要（修订）.pdf', uploadedBy: 'fin2' });
    await recordEvidenceUpload(t.db, { campaignId, problemNo: 2, ...file, name: '同一文件.pdf', uploadedBy: 'hr1' });
    expect(b.id).toBeGreaterThan(a.id);
    expect(a.uploadedAt).toBeInstanceOf(Date);
    const { rows } = await t.db.query('select sha256, size, mime from evidence_files where sha256 = $1', [file.sha256]);
    expect(rows).toEqual([file]);

    const found = await findEvidenceUpload(t.db, { campaignId, problemNo: 1, sha256: file.sha256 });
    expect(found).toEqual(b);
    expect(found).toMatchObject({ name: '党委会纪要（修订）.pdf', size: 1234, mime: 'application/pdf', uploadedBy: 'fin2', problemNo: 1 });
    // A file uploaded to problem 1 does not belong to problem 3 (a download there is refused).
    expect(await findEvidenceUpload(t.db, { campaignId, problemNo: 3, sha256: file.sha256 })).toBeNull();
    expect(await findEvidenceUpload(t.db, { campaignId: 'other', problemNo: 1, sha256: file.sha256 })).toBeNull();

    expect((await listEvidenceUploads(t.db, campaignId, 1)).map((r) => [r.name, r.uploadedBy])).toEqual([
      ['党委会纪要.pdf', 'fin1'], ['党委会纪要（修订）.pdf', 'fin2'],
    ]);
    expect(await listEvidenceUploads(t.db, campaignId, 3)).toEqual([]);
  });

  test('an unknown problem is NotFound and writes nothing, not even the file row', async () => {
    const [files, uploads] = [await count('evidence_files'), await count('evidence_uploads')];
    const other = { sha256: hex('nowhere'), size: 1, mime: 'text/plain; charset=utf-8' };
    const e = await recordEvidenceUpload(t.db, { campaignId, problemNo: 99, ...other, name: 'x.txt', uploadedBy: 'fin1' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UserError);
    expect(e).toMatchObject({ code: 'NotFound', message: `巡察整改 ${campaignId} 中没有第 99 号问题` });
    expect([await count('evidence_files'), await count('evidence_uploads')]).toEqual([files, uploads]);
  });

  test('the database refuses a malformed hash and a blank name', async () => {
    await expect(recordEvidenceUpload(t.db, { campaignId, problemNo: 1, sha256: 'ABC', size: 1, mime: 'x', name: 'a', uploadedBy: 'fin1' })).rejects.toThrow(/check constraint/);
    await expect(recordEvidenceUpload(t.db, { campaignId, problemNo: 1, ...file, name: '  ', uploadedBy: 'fin1' })).rejects.toThrow(/check constraint/);
  });
});

describe('storeEvidence and storeEvidenceFile', () => {
  test('stores the bytes, records the upload, and returns what a completeMeasure file evidence needs', async () => {
    const bytes = make.pdf();
    const result = await storeEvidence(t.db, store, {
      campaignId, problemNo: 1, stream: Readable.from([bytes]), displayName: '../../发票.exe', uploadedBy: 'fin1', maxBytes: DEFAULT_EVIDENCE_MAX_BYTES,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(result).toEqual({ sha256, name: '发票.exe.pdf', size: bytes.length, mime: 'application/pdf' });
    expect(EvidenceSchema.parse({ kind: 'file', ...result })).toEqual({ kind: 'file', ...result });
    expect(await findEvidenceUpload(t.db, { campaignId, problemNo: 1, sha256 })).toMatchObject({ ...result, uploadedBy: 'fin1' });
    expect(await store.stat(sha256)).toMatchObject({ size: bytes.length });
    expect(store.root).toBe(path.join(dataDir, 'evidence'));
  });

  test('a refused upload records nothing', async () => {
    const uploads = await count('evidence_uploads');
    const tooLarge = storeEvidence(t.db, store, {
      campaignId, problemNo: 1, stream: Readable.from([Buffer.alloc(2000, 0x61)]), displayName: 'a.txt', uploadedBy: 'fin1', maxBytes: 1000,
    });
    await expect(tooLarge).rejects.toMatchObject({ code: 'PayloadTooLarge' });
    const program = storeEvidence(t.db, store, {
      campaignId, problemNo: 1, stream: Readable.from([make.elf()]), displayName: 'a.pdf', uploadedBy: 'fin1', maxBytes: DEFAULT_EVIDENCE_MAX_BYTES,
    });
    await expect(program).rejects.toMatchObject({ code: 'UnsupportedMediaType' });
    expect(await count('evidence_uploads')).toBe(uploads);
  });

  test('storeEvidenceFile (the CLI) stores a file under its base name; a missing path or a folder is a Chinese UserError', async () => {
    const dir = path.join(dataDir, 'cli');
    mkdirSync(dir);
    const docPath = path.join(dir, '报销管理办法.docx');
    const doc = await make.docx();
    writeFileSync(docPath, doc);
    const target = { campaignId, problemNo: 2, uploadedBy: 'hr1', maxBytes: DEFAULT_EVIDENCE_MAX_BYTES };
    const result = await storeEvidenceFile(t.db, store, { ...target, path: docPath });
    expect(result).toMatchObject({ name: '报销管理办法.docx', size: doc.length, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect((await listEvidenceUploads(t.db, campaignId, 2)).at(-1)).toMatchObject({ sha256: result.sha256, uploadedBy: 'hr1' });

    const missing = path.join(dir, '不存在.pdf');
    await expect(storeEvidenceFile(t.db, store, { ...target, path: missing })).rejects.toThrow(new UserError(`找不到佐证材料文件：${missing}`));
    await expect(storeEvidenceFile(t.db, store, { ...target, path: dir })).rejects.toThrow(`佐证材料不是文件：${dir}`);
  });
});
