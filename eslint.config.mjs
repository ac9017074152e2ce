import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Lambda bundles (npm run bench): the functions' schemas are zod/mini, about 70 KiB smaller in every bundle
    // than zod classic, whose methods esbuild cannot drop.
    files: ['functions/**/*.ts', 'lib/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: "Lambda code imports zod/mini (import * as z from 'zod/mini')." }],
        },
      ],
    },
  },
  {
    // The API document (served by the public function): `import { z }` keeps all of zod classic and its locales
    // (about 360 KiB more than the namespace import, which esbuild can shake).
    files: ['lib/openapi*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
          message: "Import zod as a namespace (import * as z from 'zod') so esbuild drops what is unused.",
        },
      ],
    },
  },
);
