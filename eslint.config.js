import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const KERNEL_MESSAGE = 'The kernel is imported by capabilities, never the reverse: move shared code into src/kernel.';
const kernelOnly = (depth) => ({
  patterns: [{ regex: `^${'\\.\\./'.repeat(depth)}(?!kernel/)[a-z]`, message: KERNEL_MESSAGE }],
});

export default tseslint.config(
  { ignores: ['node_modules/', '.tmp/', 'web/dist/', 'web/src/api/schema.d.ts', 'dist/', 'passerelle-data/', 'test-artifacts/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'src/kernel/index/index-shard.worker.mjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/kernel/*.ts'], rules: { 'no-restricted-imports': ['error', kernelOnly(1)] } },
  { files: ['src/kernel/*/*.ts'], rules: { 'no-restricted-imports': ['error', kernelOnly(2)] } },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/kernel/config.ts', 'src/cli/context.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from the Config object (src/kernel/config.ts), built once at start-up.' }],
    },
  },
  // The web app has its own tsconfig (DOM, JSX; found by the project service) and React's rules.
  { files: ['web/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(\\.\\./)+(src|test|bench|bin)/', message: 'The web app talks to the server only through the generated API client (web/src/api): run `npm run web:api` after changing a route.' }],
      }],
    },
  },
  // Vitest's asymmetric matchers (expect.any, expect.arrayContaining) are typed `any`.
  { files: ['**/*.test.ts'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off' } },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
