import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/**
 * Serves the built H5 app. Unknown non-API paths get index.html so that deep
 * links from QR codes (/pages/window/index?id=3) open the app at that page.
 * Returns undefined when the folder has no build, and the BFF serves the API only.
 */
export function h5Static(dir: string): MiddlewareHandler | undefined {
  const root = resolve(dir);
  if (!existsSync(resolve(root, 'index.html'))) return undefined;
  // serveStatic takes a root relative to the working directory.
  const rel = relative(process.cwd(), root) || '.';
  const files = serveStatic({ root: rel });
  const index = serveStatic({ root: rel, path: 'index.html' });
  return async (c, next) => {
    if (c.req.path.startsWith('/api')) return next();
    // serveStatic answers with a Response when the file exists and calls `next` otherwise.
    const found = await files(c, async () => {});
    if (found) return found;
    // Missing assets are real 404s; page paths fall back to the app shell.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return index(c, next);
  };
}
