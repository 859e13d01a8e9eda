import { builtinEnvironments, type Environment } from 'vitest/runtime';

/**
 * jsdom for component tests that also run the real BFF in the same process.
 * Plain `jsdom` transforms every module for the browser, which rewrites the
 * BFF's `new URL('./migrations', import.meta.url)` into an http URL; this one
 * keeps the DOM and transforms modules as for Node (as the BFF really runs).
 *
 * A test file asks for it with `// @vitest-environment jsdom-server`; the root
 * vitest.config.ts maps that name (vitest-environment-jsdom-server) to this file.
 */
export default {
  ...builtinEnvironments.jsdom,
  name: 'jsdom-server',
  viteEnvironment: 'ssr',
} satisfies Environment;
