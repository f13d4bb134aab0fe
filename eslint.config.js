// One linter for the whole repository; type-aware so floating promises are caught.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const typedRules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
};

export default tseslint.config(
  { ignores: ['**/dist/**', 'templates/cjs/**', '**/node_modules/**', 'e2e/images/**/libs/**', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The Jest e2e consumer's test files use Jest's globals.
    files: ['e2e/jest/project/**/*.{cjs,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json', './e2e/jest/project/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: typedRules,
  },
  {
    // CommonJS TypeScript (the Jest package's runtime and environments): typed by their own project.
    files: ['**/*.cts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: ['./packages/jest-environment/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: typedRules,
  },
);
