// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
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
          patterns: [{ group: ['**/activities', '**/activities/index', '**/db/**', '**/client/**', '**/worker/**'], message: 'Import activities by type only.', allowTypeImports: true }],
        },
      ],
      'no-console': 'error',
      'no-restricted-globals': ['error', { name: 'process', message: 'No environment access in workflow code.' }, { name: 'setTimeout', message: 'Use sleep() or condition().' }],
    },
  },
);
