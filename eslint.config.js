// Lint keeps the runtime-in-the-path rule true: a file's folder says what it may import.
//   electron/app, electron/preload: may import 'electron'
//   electron/core, devserver, cli, e2e, scripts: Node, never 'electron'
//   renderer, shared: neither Node nor 'electron' (shared: no DOM either, checked by its tsconfig lib)
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = builtinModules.flatMap((name) => [name, `${name}/*`, `node:${name}`, `node:${name}/*`]);
const electronBan = { name: 'electron', message: "Only electron/app and electron/preload may import 'electron'." };
const nodeBan = nodeModules.map((name) => ({ name, message: 'Node modules are not available here: go through the contract.' }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-debugger': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['electron/core/**', 'electron/devserver/**', 'electron/cli.ts', 'electron/cli/**', 'e2e/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
  {
    files: ['renderer/**', 'shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...nodeBan],
          patterns: [
            { group: ['**/electron/**'], message: 'The renderer and shared code reach the main process only through the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...nodeBan],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself.' }],
        },
      ],
    },
  },
);
