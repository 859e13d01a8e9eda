import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { policyFor } from '../lib/csp';

/** Built file names carry an 8-hex content hash (miniapp/config: `[name].[contenthash:8]`): they never change. */
const HASHED = /\.[0-9a-f]{8}\.(?:js|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt|xml|webmanifest)$/;

/**
 * Serves the built H5 app. Unknown non-API paths get index.html so that deep
 * links from QR codes (/pages/window/index?id=3) open the app at that page.
 * Returns undefined when the folder has no build, and the BFF serves the API only.
 *
 * Delivery: the brotli or gzip file the build wrote beside each asset
 * (miniapp/scripts/precompress.mjs) is sent as it is, to a client that accepts
 * it; hashed assets are cached for a year (`immutable`), and index.html is
 * revalidated on every visit (`no-cache`) against an ETag of its content, so a
 * returning citizen downloads only what a new build changed.
 */
export function h5Static(dir: string): MiddlewareHandler | undefined {
  const root = resolve(dir);
  const indexPath = resolve(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  // serveStatic takes a root relative to the working directory.
  const rel = relative(process.cwd(), root) || '.';
  const files = serveStatic({ root: rel, precompressed: true });
  const index = serveStatic({ root: rel, path: 'index.html', precompressed: true });
  // The shell changes only with a build, and a build means a restart: its tag is computed once.
  const indexHtml = readFileSync(indexPath, 'utf8');
  const indexTag = `W/"${createHash('sha1').update(indexHtml).digest('base64url')}"`;
  // Set here, not by the CSP middleware: that one reads the body, which may be brotli.
  const indexPolicy = policyFor(indexHtml);

  const shell: MiddlewareHandler = async (c, next) => {
    const match = c.req.header('if-none-match');
    if (match && match.split(',').some((t) => t.trim() === indexTag || t.trim() === indexTag.slice(2))) {
      return c.body(null, 304, { ETag: indexTag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' });
    }
    const res = await index(c, next);
    if (!res) return res;
    res.headers.set('ETag', indexTag);
    res.headers.set('Cache-Control', 'no-cache');
    res.headers.set('Content-Security-Policy', await indexPolicy);
    if (!res.headers.has('Vary')) res.headers.set('Vary', 'Accept-Encoding');
    return res;
  };

  return async (c, next) => {
    if (c.req.path.startsWith('/api')) return next();
    if (c.req.path === '/' || c.req.path === '/index.html') return shell(c, next);
    // serveStatic answers with a Response when the file exists and calls `next` otherwise.
    const found = await files(c, async () => {});
    if (found) {
      found.headers.set('Cache-Control', HASHED.test(c.req.path) ? IMMUTABLE : 'no-cache');
      // Also on the uncompressed answer: a shared cache must not give it to a client that accepts brotli.
      if (COMPRESSIBLE.test(c.req.path) && !found.headers.has('Vary')) found.headers.set('Vary', 'Accept-Encoding');
      return found;
    }
    // Missing assets are real 404s; page paths fall back to the app shell.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return shell(c, next);
  };
}
