import { Hono } from 'hono';
import { chooseEncoding } from '../lib/compress';
import type { AppEnv } from '../lib/context';
import type { Compressor, DocsViewerFile, DocsViewerFiles, Encoding } from '../lib/ports';

const TYPES: Record<DocsViewerFile, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The API docs (Swagger UI) from this origin: `/api/docs` and the viewer's two files
 * under `/api/docs/<version>/`, so the docs open on a network that cannot reach a CDN
 * and the page's policy allows scripts from 'self' only (lib/csp.ts; the one inline
 * script, the viewer's start, is allowed by its hash).
 *
 * The version in the path makes the files cacheable for a year; a new swagger-ui-dist
 * gives new URLs, and the page itself is revalidated on every visit (`no-cache`, ETag).
 * Each file is read and compressed once, when first asked for, and kept: 1.7 MB of
 * JavaScript is about 390 KB in brotli, compressed in about 0.2 s on the thread pool.
 */
export function docsRouter(files: DocsViewerFiles, compressor: Compressor) {
  const base = `/api/docs/${files.version}`;
  const page = docsPage(base);
  const variants = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

  const variant = (file: DocsViewerFile, encoding: Encoding | null): Promise<Uint8Array<ArrayBuffer>> => {
    const key = `${file} ${encoding ?? 'identity'}`;
    let bytes = variants.get(key);
    if (!bytes) {
      bytes = encoding ? variant(file, null).then((raw) => compressor.compress(raw, encoding, 'small')) : files.read(file);
      // A failed read may succeed next time: do not keep the failure.
      bytes.catch(() => variants.delete(key));
      variants.set(key, bytes);
    }
    return bytes;
  };

  return new Hono<AppEnv>()
    .get('/api/docs', (c) => c.html(page))
    .get('/api/docs/:version/:file', async (c) => {
      const { version, file } = c.req.param();
      if (version !== files.version || !Object.hasOwn(TYPES, file)) return c.notFound();
      const name = file as DocsViewerFile;
      const encoding = chooseEncoding(c.req.header('accept-encoding'), compressor.encodings);
      const bytes = await variant(name, encoding);
      const headers: Record<string, string> = {
        'Content-Type': TYPES[name],
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': IMMUTABLE,
        Vary: 'Accept-Encoding',
        // Its own tag, so the ETag middleware does not hash 1.7 MB per request; one per encoding (other bytes).
        ETag: `"${files.version}-${encoding ?? 'identity'}"`,
      };
      if (encoding) headers['Content-Encoding'] = encoding;
      return c.body(bytes, 200, headers);
    });
}

function docsPage(base: string): string {
  // validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io for a badge.
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政务服务 API 文档</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true });</script>
</body>
</html>
`;
}
