import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A run must leave `git status --porcelain` as it found it (screenshots go to the ignored test/.output/).
    globalSetup: ['test/support/clean-tree.ts'],
    projects: [
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'] } },
      {
        test: {
          name: 'miniapp',
          include: ['miniapp/src/**/*.test.{ts,tsx}'],
          // Stand-ins for '@tarojs/taro' and '@tarojs/components'. Component tests ask for a DOM per file:
          // `// @vitest-environment jsdom`, or `jsdom-server` when the real BFF runs in the same process.
          setupFiles: ['miniapp/test-setup/taro.ts'],
          alias: { 'vitest-environment-jsdom-server': fileURLToPath(new URL('./miniapp/test-setup/jsdom-server.ts', import.meta.url)) },
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'bff',
          include: ['bff/src/**/*.test.ts', 'bff/test/**/*.test.ts'],
          // Each file opens its own temporary database file; files run in parallel processes.
          pool: 'forks',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The real weapp build (miniapp/dist/weapp) rendered outside WeChat: miniprogram-simulate + WeChat's wcc in jsdom,
        // wx.request forwarded to the built BFF on loopback (test/weapp/support).
        test: {
          name: 'weapp',
          include: ['test/weapp/**/*.test.ts'],
          environment: 'jsdom',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The outside attack and fault test at CI size, on the built server (issue 12): `pnpm probes`.
        test: { name: 'probes', include: ['test/probes/**/*.test.ts'], pool: 'forks', testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
