// After `taro build --type h5`: writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9)
// beside every text asset of the build, once, so the server sends them as they are (serveStatic's
// `precompressed`) instead of compressing on every request — or, as before, not at all.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.MINIAPP_OUT ?? 'dist/h5';
const TEXT = /\.(js|css|html|svg|json|map|txt|xml|webmanifest)$/;
const MIN_BYTES = 1024;

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

let raw = 0;
let br = 0;
let count = 0;
for (const path of files(dir)) {
  if (!TEXT.test(path) || path.includes('.LICENSE.')) continue;
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  // A variant that is not smaller is left out: serveStatic then sends the file itself.
  if (brotli.length < bytes.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < bytes.length) writeFileSync(`${path}.gz`, gzip);
  raw += bytes.length;
  br += Math.min(brotli.length, bytes.length);
  count++;
}
process.stdout.write(`precompressed ${count} files in ${dir}: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli\n`);
