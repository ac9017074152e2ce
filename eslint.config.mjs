import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const zodClassic = { name: 'zod', message: "Lambda code imports zod/mini (import * as z from 'zod/mini')." };
const functionsNeverImportLib = {
  group: ['**/lib/**', '!**/node_modules/**'],
  message: 'functions/ never imports lib/ (the CDK side): shared declarations live in contract/.',
};

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
    files: ['functions/**/*.ts', 'contract/routes.ts', 'contract/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [zodClassic], patterns: [functionsNeverImportLib] }],
    },
  },
  {
    // The rules know nothing of AWS, HTTP or how they are wired: adapters and wiring come in through dependencies.
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [zodClassic],
          patterns: [
            functionsNeverImportLib,
            {
              group: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*', '@middy/*', 'aws-lambda'],
              message:
                'The domain has no AWS SDK, Lambda or HTTP in it: add a port (domain/ports.ts) and an adapter.',
            },
            {
              group: [
                '**/adapters/**',
                '**/wiring/**',
                '**/commons/http/**',
                '**/commons/log',
                '**/contract/**',
              ],
              message:
                'The domain imports only itself and the pure commons (i18n, log-events); it gets the rest through its dependencies.',
            },
          ],
        },
      ],
    },
  },
  {
    // What both sides share: the CDK side (lib/) depends on it, never the other way round.
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lib/**', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'],
              message: 'contract/ imports nothing from lib/ or the CDK.',
            },
            {
              group: ['**/functions/wiring/**', '**/functions/adapters/**', '**/commons/log'],
              message: 'contract/ may use the domain and the pure commons only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The API document (served by the public function): `import { z }` keeps all of zod classic and its locales
    // (about 360 KiB more than the namespace import, which esbuild can shake).
    files: ['contract/openapi*.ts'],
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
