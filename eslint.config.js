// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'out/', 'node_modules/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // `const { kind, ...rest } = x` is how an object drops a key.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The core is pure (docs/architecture.md): no file system, network, clock, environment or console.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The core is pure: no Node built-ins.' },
            { group: ['@azure/*'], message: 'Azure calls live in src/deploy/.' },
            { group: ['**/cli/**', '**/deploy/**', '**/web/**'], message: 'The core never imports a shell.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core is pure: pass values in.' },
        { name: 'console', message: 'The core is pure: return diagnostics.' },
        { name: 'Date', message: 'The core is pure: no clock.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The core is deterministic.' },
      ],
    },
  },
  {
    // Tests assert on values they have just checked for.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
