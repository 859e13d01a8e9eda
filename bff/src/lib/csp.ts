import type { MiddlewareHandler } from 'hono';

/**
 * Content-Security-Policy for every HTML page the server sends: the H5 app shell,
 * the print pages (明白纸, window QR sheets) and the API docs. Scripts run only
 * from this origin and, inline, only the exact blocks the page was built with (by
 * their SHA-256, computed from the page itself, so a rebuild never needs a config
 * change); no plugins, no <base> rewriting, no framing by other sites, forms post
 * only here. Inline styles stay allowed: React sets style attributes, and the
 * print pages carry their stylesheet inline.
 *
 * The API docs are no exception: Swagger UI is served from this origin
 * (routes/docs.ts), its start script allowed by hash like any other inline script.
 */

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let bin = '';
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export async function policyFor(html: string, opts: { print?: boolean } = {}): Promise<string> {
  const hashes: string[] = [];
  for (const m of html.matchAll(INLINE_SCRIPT)) if (m[1]!.trim()) hashes.push(`'sha256-${await sha256(m[1]!)}'`);
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Taro's uploadFile in the browser reads the chosen photo back from its blob: URL.
    "connect-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Print sheets may be previewed in a frame of this site; nothing else frames any page.
    opts.print ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
  ].join('; ');
}

/** After the page is built: reads the HTML (pages are small), hashes its inline scripts, sets the header. */
export const contentSecurityPolicy: MiddlewareHandler = async (c, next) => {
  await next();
  const type = c.res.headers.get('content-type') ?? '';
  // A compressed body cannot be read here: whoever compresses HTML sets the policy itself (node/static.ts).
  if (!type.startsWith('text/html') || c.res.headers.has('content-security-policy') || c.res.headers.has('content-encoding') || !c.res.body)
    return;
  const html = await c.res.text();
  const res = new Response(html, c.res);
  res.headers.set('Content-Security-Policy', await policyFor(html, { print: c.req.path.startsWith('/print/') }));
  c.res = res;
};
