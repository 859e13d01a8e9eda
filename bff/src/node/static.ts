import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { policyFor } from '../lib/csp';
import { etagMatches } from '../lib/etag';
import type { Landing } from '../lib/first-screen';

/** Built file names carry an 8-hex content hash (miniapp/config: `[name].[contenthash:8]`): they never change. */
const HASHED = /\.[0-9a-f]{8}\.(?:js|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt|xml|webmanifest)$/;

/** Where the server writes a record page's first screen (lib/first-screen.ts): the placeholder cards' box. */
const CONTENT_OPEN = '<div id="zs-content">';
const CONTENT_CLOSE = /<\/div>\s*<p class="zs-note"/;

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
 *
 * Landing pages (`landing`, lib/first-screen.ts): a window's, guide's or hall's page carries that record's
 * first screen, and a printed code's page its target's, with the target's address for the app to open.
 */
export function h5Static(dir: string, landing?: (url: URL) => Promise<Landing | undefined>): MiddlewareHandler | undefined {
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
  const open = indexHtml.indexOf(CONTENT_OPEN);
  const end = open < 0 ? -1 : indexHtml.slice(open).search(CONTENT_CLOSE);
  const close = end < 0 ? -1 : open + end;

  /**
   * A record page: different per record and version, so tagged by its own content. It leaves compression to
   * the app's answer compression (lib/compress.ts), which keeps the compressed bytes by this tag: a window's
   * page is compressed once per change, not once per scan.
   */
  const page: MiddlewareHandler = async (c, next) => {
    const found = landing ? await landing(new URL(c.req.url)).catch(() => undefined) : undefined;
    if (!found || close < 0) return shell(c, next);
    // The address is a page path of this app (shared qrTargetPath), escaped by hono/html all the same.
    const opening = found.path ? `<div id="zs-content" data-path="${String(await html`${found.path}`)}">` : CONTENT_OPEN;
    const body = `${indexHtml.slice(0, open)}${opening}${found.content}${indexHtml.slice(close)}`;
    const tag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers: Record<string, string> = { ETag: tag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    const match = c.req.header('if-none-match');
    if (match && etagMatches(tag, match)) return c.body(null, 304, headers);
    return c.body(body, 200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Content-Security-Policy': await indexPolicy,
    });
  };

  const shell: MiddlewareHandler = async (c, next) => {
    const match = c.req.header('if-none-match');
    if (match && etagMatches(indexTag, match)) {
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
    return c.req.method === 'GET' ? page(c, next) : shell(c, next);
  };
}
