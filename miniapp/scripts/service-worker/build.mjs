// After `taro build --type h5`, before precompress.mjs: bundles ./sw.js (Workbox) with esbuild and
// injects the app shell's precache list with workbox-build, writing dist/h5/sw.js.
// The shell is index.html and exactly the scripts and styles it loads: every other page's code is
// cached when it is first opened, so a citizen on a weak network never downloads pages they do not visit.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { injectManifest } from 'workbox-build';

const dir = process.argv[2] ?? process.env.MINIAPP_OUT ?? 'dist/h5';
const here = import.meta.dirname;
const bundled = join(dir, 'sw.src.js');

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const shell = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
if (!shell.some((f) => f.endsWith('.js'))) throw new Error(`no scripts found in ${dir}/index.html: is it the Taro H5 build?`);

await build({
  entryPoints: [join(here, 'sw.js')],
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2017',
  define: { 'process.env.NODE_ENV': '"production"' },
  outfile: bundled,
  logLevel: 'warning',
});

const { count, size, warnings } = await injectManifest({
  swSrc: bundled,
  swDest: join(dir, 'sw.js'),
  globDirectory: dir,
  globPatterns: ['index.html', ...shell],
  // Hashed names are their own revision.
  dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.(js|css)$/,
});
rmSync(bundled);
for (const w of warnings) console.warn(w);
process.stdout.write(`service worker: ${count} shell files precached (${(size / 1024).toFixed(0)} KB before compression)\n`);
