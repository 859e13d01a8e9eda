import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocsViewerFiles } from '../lib/ports';

/**
 * Swagger UI's files from the installed swagger-ui-dist package (a production
 * dependency, so it is beside dist/server.js too), read only when the docs are
 * first opened. The edge build passes the same two files bundled as modules.
 */
export function swaggerUiDist(): DocsViewerFiles | null {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('swagger-ui-dist/package.json'));
  } catch {
    return null;
  }
  const { version } = require('swagger-ui-dist/package.json') as { version: string };
  return { version, read: async (name) => new Uint8Array(await readFile(join(dir, name))) };
}
