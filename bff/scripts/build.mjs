// Bundles the BFF into dist/server.js (workspace TypeScript included; npm packages
// stay external) and copies the committed migrations beside it.
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  // The shared package is TypeScript source: bundle it instead of importing it at run time.
  alias: { '@zw/shared': '../shared/src/index.ts' },
  logLevel: 'warning',
});
cpSync('src/db/migrations', 'dist/migrations', { recursive: true });
console.log('bff built: dist/server.js');
