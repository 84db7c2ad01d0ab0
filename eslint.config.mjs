// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

// The house has floors: domain/ at the ground, then db/, then report/ and spreadsheet/, then
// services/ and api/; the entry points (client/, server/, worker/, web/, scripts/, bench/) stand on
// top and never import each other. A lower floor never imports a higher one. Import paths are
// relative, so a rule names the top-level folder `depth` levels up from the importing file.
const up = (depth, names) => `^(\\.\\./){${depth}}(${names.join('|')})(/|$)`;
const ENTRY_POINTS = ['client', 'server', 'worker', 'web', 'scripts', 'bench'];
const ABOVE_DB = ['report', 'spreadsheet', 'services', 'api', 'activities', 'workflows'];
const NOT_FOR_BROWSERS = ['db', 'services', 'activities', 'workflows', 'report', 'spreadsheet', 'servers', 'client', 'server', 'worker', 'scripts', 'bench'];
const MESSAGES = {
  entry: 'Lower layers never import the entry points (client/ server/ worker/ web/ scripts/): move what both need into services/ or below.',
  db: 'db/ is below report/, spreadsheet/, services/, api/ and the workflows: take the type from domain/ or define it in db/queries.',
  web: 'The browser app may import only domain/ and api/ (and its own files).',
};
/** One config per nesting depth of `folder`, forbidding the given top-level folders. */
function fence(folder, forbidden, message, extraPatterns = []) {
  return [1, 2, 3, 4].map((depth) => ({
    files: [`${folder}/${'*/'.repeat(depth - 1)}*.ts`, `${folder}/${'*/'.repeat(depth - 1)}*.tsx`],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: up(depth, forbidden), message }, ...extraPatterns] }] },
  }));
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'web/dist/**', 'test-artifacts/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Chinese text uses the ideographic space (U+3000) on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...['report', 'spreadsheet', 'services', 'api', 'activities'].flatMap((f) => fence(f, ENTRY_POINTS, MESSAGES.entry)),
  ...fence('db', [...ENTRY_POINTS, ...ABOVE_DB], `${MESSAGES.db} ${MESSAGES.entry}`),
  ...fence('web', NOT_FOR_BROWSERS, MESSAGES.web),
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node modules, no I/O, no console.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, ...nodeModules.map((m) => `node:${m}`), 'pg', '@electric-sql/pglite', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'].map((name) => ({
            name,
            message: 'Workflow and domain code must stay deterministic: no Node modules, I/O or non-workflow Temporal packages.',
          })),
          patterns: [
            { group: ['**/activities', '**/activities/index', '**/db/**', '**/client/**', '**/worker/**'], message: 'Import activities by type only.', allowTypeImports: true },
            { regex: up(1, ENTRY_POINTS), message: MESSAGES.entry },
          ],
        },
      ],
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'No environment access in workflow code.' }, { name: 'setTimeout', message: 'Use sleep() or condition().' }],
    },
  },
);
