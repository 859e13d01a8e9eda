// One ESLint config for the workspace (flat config). Style is Prettier's job
// (eslint-config-prettier turns the overlapping rules off); this catches bugs,
// hook mistakes, and imports that break the package boundaries.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const subpackages = ['cases', 'staff', 'editor', 'policy'];

/** A subpackage may import the main package, never another subpackage (WeChat loads them separately). */
const noSiblingSubpackages = (own) => ({
  files: [`miniapp/src/packages/${own}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: subpackages
          .filter((p) => p !== own)
          .map((p) => ({
            group: [`**/packages/${p}`, `**/packages/${p}/**`, `../${p}/**`, `../../${p}/**`, `../../../${p}/**`],
            message: `分包之间不能互相引用：${own} 不能引用 ${p}。共用的代码放到主包（src/components、src/services、src/hooks）。`,
          })),
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.swc/**',
      'coverage/**',
      'bff/src/db/migrations/**',
      'test/screenshots/**',
      'test/.output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules. The recommended preset's React Compiler rules (refs,
    // set-state-in-effect, use-memo…) grade code for the compiler's optimiser; Taro 4
    // does not run the React Compiler, so they are left out rather than silenced line by line.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // shared is the contract both sides import: zod and its own files only (no drizzle, hono, taro, node).
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**', '!zod', '!zod/**', '!./**', '!../**', '!.', '!..'],
              message: 'shared 只能引用 zod 和自己的文件：它被小程序和 BFF 共同引用，不能带进数据库、Hono、Taro 或 Node。',
            },
          ],
        },
      ],
    },
  },
  // The mini-program's main package (pages, components, services, hooks) is what WeChat downloads before
  // the first screen: no zod in it. A value import from '@zw/shared' brings the whole index (the zod locale
  // runs on import, the content-model registry builds its schemas at load): +170 KB. Types are free; the
  // zod-free subpaths (paths, time, guide) are the way in. Tests are not bundled.
  {
    files: ['miniapp/src/{pages,components,services,hooks}/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@zw/shared',
              allowTypeImports: true,
              message:
                '主包不能从 @zw/shared 引入值（会把 zod 和整套内容模型打进主包）：类型用 import type；页面路径、时间、办事指南字段名分别从 @zw/shared/paths、@zw/shared/time、@zw/shared/guide 引入；要校验的页面放到分包。',
            },
            { name: 'zod', allowTypeImports: true, message: '主包不能引入 zod：校验放在分包或 BFF。' },
          ],
          patterns: [
            {
              group: ['@zw/shared/*', '!@zw/shared/paths', '!@zw/shared/time', '!@zw/shared/guide', '**/shared/src/**', 'zod/**'],
              allowTypeImports: true,
              message: '主包只能引用 @zw/shared 的无 zod 子路径：@zw/shared/paths、@zw/shared/time、@zw/shared/guide。',
            },
          ],
        },
      ],
    },
  },
  // Those subpaths stay zod-free: they import nothing but types (paths.ts needs QrTargetType).
  {
    files: ['shared/src/paths.ts', 'shared/src/time.ts', 'shared/src/content-model/item-presentation.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**'],
              allowTypeImports: true,
              message: '这个文件是主包用的无 zod 子路径（shared/package.json 的 exports）：只能 import type，不能引入值。',
            },
          ],
        },
      ],
    },
  },
  // Command-line entry points and build scripts talk to the operator on stdout.
  {
    files: ['bff/scripts/**', 'bff/src/**/*-cli.ts', 'bff/src/db/seed/cli.ts', 'bff/src/db/seed/check.ts', 'test/bench/**'],
    rules: { 'no-console': 'off' },
  },
  // Tests read parsed JSON answers and poke at fakes; their assertions are the types.
  {
    files: ['**/*.test.{ts,tsx}', 'bff/test/**', 'test/**', 'miniapp/test-setup/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...subpackages.map(noSiblingSubpackages),
  prettier,
);
