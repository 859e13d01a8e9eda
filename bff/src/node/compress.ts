import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { Compressor, Encoding } from '../lib/ports';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Above this an answer is compressed on the thread pool: a long synchronous brotli would stall every other request. */
const SYNC_LIMIT = 128 * 1024;

/**
 * The Compressor port on node:zlib. Answers use brotli quality 5 and gzip 6: on the
 * demo county's guide list (18.6 KB) brotli 4 gave more bytes than gzip 6 (5.4 KB vs
 * 5.2 KB), brotli 5 gave 4.6 KB for about 0.7 ms against gzip's 0.4 ms, and 11, zlib's
 * default, costs a hundred times more. A tagged answer is compressed once per change
 * anyway (lib/compress.ts keeps the bytes). Files compressed once and kept (the docs
 * viewer) use brotli 9 and gzip 9: brotli 11 took over 5 s for Swagger UI's 1.7 MB
 * bundle for 8 % fewer bytes.
 */
export const nodeCompressor: Compressor = {
  encodings: ['br', 'gzip'],
  async compress(bytes, encoding, effort) {
    const options = optionsFor(encoding, effort, bytes.byteLength);
    if (effort === 'fast' && bytes.byteLength <= SYNC_LIMIT) {
      return encoding === 'br' ? brotliCompressSync(bytes, options) : gzipSync(bytes, options);
    }
    return encoding === 'br' ? brotliAsync(bytes, options) : gzipAsync(bytes, options);
  },
};

function optionsFor(encoding: Encoding, effort: 'fast' | 'small', size: number): BrotliOptions & ZlibOptions {
  if (encoding === 'gzip') return { level: effort === 'fast' ? 6 : 9 };
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'fast' ? 5 : 9,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}
