import type { MiddlewareHandler } from 'hono';
import type { Compressor, Encoding } from './ports';

/** JSON and CSV: what the API answers with. Images and files are compressed already or not worth it. */
const COMPRESSIBLE = /^(?:application\/json|text\/csv|text\/html)\b/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/**
 * Compresses large API answers for a client that accepts brotli or gzip.
 *
 * It must sit outside the ETag middleware and the public content cache (app.ts):
 * both then see and keep the identity body, so an answer has one ETag whatever its
 * encoding (weak: the same content, in other bytes), a revalidation in either
 * encoding gets its 304, and a cached answer is compressed for each client as it asks.
 *
 * Cost: a small answer gets a few header reads and `Vary` and nothing else. Its size
 * is known from Content-Length, which lib/etag.ts states after reading the body to
 * hash it; an answer without it (a POST's, a stream, if one ever appears) is left as
 * it is rather than read or buffered here. The compressed bytes of a tagged answer
 * are kept by tag (the tag is a hash of the body), so the unchanged guide list is
 * compressed once per encoding, not once per request.
 */
export function compressAnswers(compressor: Compressor, { threshold = 1024, keepBytes = 8 * 1024 * 1024 } = {}): MiddlewareHandler {
  const kept = new ByteLru(keepBytes);
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type');
    // A 304 carries the Vary its 200 would have (its Content-Type is gone by now).
    if (res.status !== 304 && !(type && COMPRESSIBLE.test(type))) return;
    // On the uncompressed answers too, so a shared cache keeps one copy per encoding and never mixes them.
    addVary(res.headers);
    const length = Number(res.headers.get('content-length'));
    if (res.status !== 200 || !(length >= threshold) || res.headers.has('content-encoding') || c.req.method !== 'GET') return;
    if (NO_TRANSFORM.test(res.headers.get('cache-control') ?? '')) return;
    const encoding = chooseEncoding(c.req.header('accept-encoding'), compressor.encodings);
    if (!encoding) return;
    const tag = res.headers.get('etag');
    const key = tag?.startsWith('W/') ? `${encoding} ${tag}` : null;
    // A kept copy leaves the identity body unread: it is whole in memory (its length was known), so
    // nothing waits on it, and touching `res.body` would only build a stream to cancel.
    let bytes = key ? kept.get(key) : undefined;
    if (!bytes) {
      bytes = await compressor.compress(new Uint8Array(await res.arrayBuffer()), encoding, 'fast');
      if (key) kept.set(key, bytes);
    }
    c.res = new Response(bytes, res);
    // After the assignment: the Context copies the old answer's headers (its Content-Length too) onto the new one.
    c.res.headers.set('Content-Encoding', encoding);
    c.res.headers.set('Content-Length', String(bytes.byteLength));
  };
}

/**
 * The encoding to send: the highest q the client gives among those we have, ties
 * going to our order (brotli first); null for identity (no header, `identity`, q=0).
 */
export function chooseEncoding(header: string | undefined, ours: readonly Encoding[]): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const enc of ours) {
    const v = q.get(enc) ?? q.get('*') ?? 0;
    if (v > bestQ) [best, bestQ] = [enc, v];
  }
  return best;
}

export function addVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`);
}

/**
 * The Compressor on any runtime with CompressionStream (workerd, browsers, Node): gzip
 * only, as brotli is not a CompressionStream format. For the edge build (issue 19).
 */
export const webCompressor: Compressor = {
  encodings: ['gzip'],
  async compress(bytes) {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  },
};

/** A Map kept under a byte budget, least recently used out first. */
class ByteLru {
  private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
  private size = 0;
  constructor(private readonly budget: number) {}

  get(key: string): Uint8Array<ArrayBuffer> | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, bytes: Uint8Array<ArrayBuffer>): void {
    if (bytes.byteLength > this.budget / 8) return;
    const old = this.entries.get(key);
    if (old) this.size -= old.byteLength;
    this.entries.delete(key);
    this.entries.set(key, bytes);
    this.size += bytes.byteLength;
    for (const [k, v] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(k);
      this.size -= v.byteLength;
    }
  }
}
