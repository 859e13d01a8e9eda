import type { MiddlewareHandler } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from './context';

/** length: the body's bytes, from the ETag middleware's Content-Length (compression decides by it). */
type Entry = { version: number; body: string; etag: string | null; length: string | null };

/**
 * Caches public content answers (guides, policies, halls, QR) per URL under the
 * database's content version. The version is read on every request (one tiny
 * query), so a published change is visible at once on every instance; only
 * the work of rebuilding an unchanged answer is saved. Search is not cached:
 * its cost is measured as it is.
 */
export function contentCache(maxEntries = 5_000): MiddlewareHandler<AppEnv> {
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const [row] = await c.var.db.all<{ version: number }>(sql`SELECT version FROM content_version WHERE id = 1`);
    const version = row?.version ?? -1;
    const key = c.req.url;
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      const headers = {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
        ...(hit.etag ? { etag: hit.etag } : {}),
        ...(hit.length ? { 'content-length': hit.length } : {}),
      };
      if (hit.etag && c.req.header('if-none-match') === hit.etag) return c.body(null, 304, { etag: hit.etag, 'cache-control': 'no-cache' });
      return c.body(hit.body, 200, headers);
    }
    await next();
    // JSON only: the replay above answers application/json (an image or a file would be garbled).
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('application/json')) return;
    const body = await c.res.clone().text();
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, { version, body, etag: c.res.headers.get('etag'), length: c.res.headers.get('content-length') });
  };
}
