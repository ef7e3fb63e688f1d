import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The engine, data, trace and lab layers run in Node and tests as they are: no React, no D3, no DOM. */
const pureLayerRestriction = {
  'no-restricted-imports': ['error', {
    patterns: [
      { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'Pure layers import no React.' },
      { group: ['d3', 'd3-*'], message: 'Pure layers import no D3; drawing belongs in src/ui.' },
      { group: ['**/ui/**', '../ui', '../ui/*'], message: 'Data flows one way: pure layers never import the UI.' },
    ],
  }],
  'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'navigator'],
};

export default tseslint.config(
  { ignores: ['**/*.tmp.mjs', 'dist', 'dist-single', 'node_modules', 'playwright-report', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'd3', message: 'Import the d3-* module you use (d3-scale, d3-shape, …): all of D3 would ship to every student.' }],
      }],
    },
  },
  {
    files: ['src/nn/**/*.ts', 'src/data/**/*.ts', 'src/trace/**/*.ts', 'src/lab/**/*.ts'],
    rules: pureLayerRestriction,
  },
);
