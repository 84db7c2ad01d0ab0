import { pgDb } from '../../db/client';
import { migrate, migrationFiles } from '../../db/migrate';
import { withTestDatabase } from '../../servers/pg-cluster';
import { migrationCheck, normalise } from './checks';
import { inPglite } from './pglite';

const TABLES = [
  'accounts', 'aspects', 'audit', 'audit_chain_heads', 'campaign_events', 'campaign_report_texts', 'campaign_snapshots', 'campaigns', 'contacts', 'deliveries', 'departments', 'desk_audit',
  'evidence', 'evidence_files', 'evidence_uploads', 'measures', 'messages', 'migrations', 'notifications', 'people', 'problems', 'progress_reports',
  'robots', 'sessions',
];

/** Applied to an empty database, then re-applied harmlessly: nothing runs twice, data is kept. */
const expected = (kind: string) => ({
  kind,
  tablesBefore: [],
  firstRun: migrationFiles(),
  tablesAfterFirst: TABLES,
  secondRun: [],
  tablesAfterSecond: TABLES,
  problemsKept: 4,
  recorded: migrationFiles(),
});

test('the migration files are numbered and start with 001_init.sql', () => {
  expect(migrationFiles()[0]).toBe('001_init.sql');
});

test('PostgreSQL: two workers migrating an empty database at once both succeed and each migration runs once; re-running applies nothing', async () => {
  const database = await withTestDatabase();
  const a = pgDb(database.url);
  const b = pgDb(database.url);
  try {
    const check = await migrationCheck(a, async () => {
      // Without the advisory lock one of these fails ("relation … already exists" / duplicate key).
      const [x, y] = await Promise.all([migrate(a), migrate(b)]);
      expect([...x, ...y].sort()).toEqual(migrationFiles());
      return migrationFiles().filter((f) => x.includes(f) || y.includes(f));
    });
    expect(normalise({ kind: a.kind, ...check })).toEqual(expected('pg'));
  } finally {
    await a.close();
    await b.close();
    await database.close();
  }
});

test('PGlite (in memory): migrations apply to an empty database and re-apply harmlessly', async () => {
  expect(await inPglite('migrate')).toEqual(expected('pglite'));
});

test('openDb without DATABASE_URL keeps PGlite files in the data directory and migrates them once', async () => {
  expect(await inPglite('reopen')).toEqual({ kind: 'pglite', created: { created: true }, tables: TABLES, problems: 4 });
});
