// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';

// A feature does not reach into another feature: what two features share lives in src/lib or
// src/kusto, and the app shell (src/app) is where features are composed.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureIsolation = features.map((name) => ({
  target: `./src/features/${name}`,
  from: './src/features',
  except: [`./${name}`],
  message: `features/${name} imports no other feature; move the shared piece to src/lib or src/kusto, or compose in src/app.`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dev/certs/**', '.local/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: ['tsconfig.json', 'tsconfig.node.json', 'tsconfig.pages.json'], noWarnOnMultipleProjects: true }, node: true },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-cycle': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // Imports flow app → features → shared (kusto, lib, config). src/kusto is the protocol as a
      // small library: no React, no DOM, nothing from the app. Nothing in src reaches into dev/.
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/kusto', from: './src/features', message: 'src/kusto is pure: it imports no feature code.' },
            { target: './src/kusto', from: './src/app', message: 'src/kusto is pure: it imports no app code.' },
            { target: './src/features', from: './src/app', message: 'features do not import the app shell.' },
            { target: './src/lib', from: './src/features', message: 'lib is shared: it imports no feature code.' },
            { target: './src/config', from: './src/features', message: 'config is shared: it imports no feature code.' },
            { target: './src/workers', from: './src/features', message: 'workers are shared: they import no feature code.' },
            { target: './src/workers', from: './src/app', message: 'workers import no app code.' },
            { target: './src', from: './dev', message: 'the product never depends on the local stack.' },
            { target: './src/engine', from: './src/app', message: 'src/engine is host-neutral: it imports no app code.' },
            { target: './src/engine', from: './src/features', message: 'src/engine is host-neutral: it imports no feature code.' },
            { target: './src/engine', from: './src/workers', message: 'src/engine is host-neutral: workers host it, it does not import them.' },
            ...featureIsolation,
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'react/*'], message: 'not in src/kusto' }] },
      ],
    },
  },
  {
    // Only src/kusto and src/engine forbid React; everywhere else in src it is the UI framework.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/kusto/**', 'src/engine/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The engine runs in Node and in a browser worker: no React, no Node built-ins, no DuckDB binding.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'src/engine is host-neutral: no React.' },
            { group: ['node:*'], message: 'src/engine is host-neutral: no Node built-ins (the host injects what it needs).' },
            { group: ['@duckdb/*'], message: 'src/engine is host-neutral: the host runs the SQL on its own DuckDB.' },
          ],
        },
      ],
    },
  },
  {
    files: ['dev/**/*.ts', 'deploy/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
