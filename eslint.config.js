import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint with zero warnings. The import zones make the process boundaries compiler-grade: the renderer never
 * reaches main, Node or Electron; shared reaches nothing outside itself; only main/electron imports electron.
 */
/** Modules that pull the holiday library and its time-zone data: main-only, never in the renderer bundle. */
const mainOnlyDomain = '(^|/)domain/billing(/index)?$|/billing/(holidays|compute-month|majorations)$';
const mainOnlyMessage =
  'Billing computation and public holidays run in main; importing them ships ~900 kB to the renderer.';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'worker_threads'];
const rendererPatterns = [
  {
    group: ['**/main/**', '../main/*', '../../main/*', '../../../main/*'],
    message: 'The renderer never imports main: use the contract.',
  },
  {
    group: ['electron', 'better-sqlite3*', ...nodeBuiltins],
    message: 'The renderer is sandboxed Chromium: no Node, Electron or native modules.',
  },
  { regex: mainOnlyDomain, message: mainOnlyMessage },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      '.tsbuild/**',
      '.native/**',
      'node_modules/**',
      'test-results/**',
      '.harness-data/**',
      '.bench/**',
      'test/lab/browser-probe/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react-markdown',
              message: 'Show Markdown with renderer/ui/SafeMarkdown: a link must never navigate the window.',
            },
          ],
          patterns: rendererPatterns,
        },
      ],
    },
  },
  {
    // The one place that renders Markdown, and makes its links safe.
    files: ['renderer/ui/SafeMarkdown.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: rendererPatterns }] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'],
              message: 'shared/ imports nothing outside itself.',
            },
            {
              group: ['electron', 'better-sqlite3*', 'react', ...nodeBuiltins],
              message: 'shared/ is pure TypeScript: no Node, Electron, DOM or React.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'shared/api.ts',
      'shared/contract/**/*.ts',
      'shared/domain/timesheet*.ts',
      'shared/domain/kpi*.ts',
      'shared/domain/firm/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'],
              message: 'shared/ imports nothing outside itself.',
            },
            {
              group: ['electron', 'better-sqlite3*', 'react', ...nodeBuiltins],
              message: 'shared/ is pure TypeScript.',
            },
            { regex: mainOnlyDomain, message: mainOnlyMessage },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ imports electron.' }],
          patterns: [
            {
              group: ['**/renderer/**', '../renderer/*', '../../renderer/*'],
              message: 'main never imports the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs,js}', '*.config.{ts,js}'],
    rules: { 'no-console': 'off' },
  },
);
