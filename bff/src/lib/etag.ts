import type { MiddlewareHandler } from 'hono';

/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5), as hono/etag does. */
const KEPT_ON_304 = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary'];

/**
 * Weak ETags for GET answers, and 304 for a matching If-None-Match: hono/etag's rules
 * (an ETag a route set itself is kept as it is, weak comparison, `*` matches) with one
 * addition. The body is read whole here anyway, to hash it; its length is then stated
 * as Content-Length, so that compression (lib/compress.ts, further out) decides by a
 * header and never reads a small answer a second time.
 */
export function etag(digest: (body: Uint8Array) => ArrayBuffer | Promise<ArrayBuffer>): MiddlewareHandler {
  return async (c, next) => {
    const ifNoneMatch = c.req.header('if-none-match');
    await next();
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !c.res.ok) return;
    const res = c.res;
    let tag = res.headers.get('etag');
    if (!tag) {
      if (!res.body) return;
      const body = new Uint8Array(await res.clone().arrayBuffer());
      tag = `W/"${hex(await digest(body))}"`;
      res.headers.set('ETag', tag);
      res.headers.set('Content-Length', String(body.byteLength));
    }
    if (ifNoneMatch && etagMatches(tag, ifNoneMatch)) {
      await res.body?.cancel();
      // The Context copies the previous answer's headers onto this one: keep only what a 304 may carry.
      c.res = new Response(null, { status: 304, headers: { ETag: tag } });
      for (const name of [...c.res.headers.keys()]) if (!KEPT_ON_304.includes(name)) c.res.headers.delete(name);
    }
  };
}

/** Weak comparison of a tag against If-None-Match (a list, or `*`). */
export function etagMatches(tag: string, ifNoneMatch: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return ifNoneMatch.match(/"[^"]*"/g)?.includes(opaque) ?? false;
}

function hex(buf: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(buf)) out += b.toString(16).padStart(2, '0');
  return out;
}
