import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestContext, loginStaff, type TestContext } from './helpers';
import { parseEnv } from '../src/env';
import { silentLogger } from '../src/lib/logger';
import { start, type Started } from '../src/node/start';

/** The real Node server (node/start.ts) on loopback: what a reverse proxy talks to. */
let dir: string;
let server: Started;
const INLINE = 'window.__zwBoot = Date.now();';
const APP_JS = `(function(){${'var 政务服务 = "清溪县政务服务小程序";'.repeat(300)}})();`;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zw-http-'));
  const h5 = join(dir, 'h5');
  mkdirSync(h5);
  writeFileSync(
    join(h5, 'index.html'),
    `<!doctype html><html><head><script>${INLINE}</script></head><body><div id="app"></div></body></html>`,
  );
  mkdirSync(join(h5, 'js'));
  writeFileSync(join(h5, 'js', 'app.0123abcd.js'), APP_JS);
  writeFileSync(join(h5, 'logo.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`);
  // What `pnpm --filter miniapp build:h5` does after Taro's build.
  const pre = spawnSync(process.execPath, [join(repo, 'miniapp', 'scripts', 'precompress.mjs'), h5], { encoding: 'utf8' });
  expect(pre.status, pre.stderr).toBe(0);
  const env = parseEnv({
    NODE_ENV: 'development',
    LIBSQL_URL: `file:${join(dir, 'db.db')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    STATIC_DIR: h5,
    UPLOAD_DIR: join(dir, 'uploads'),
    DEV_LOGIN: 'true',
  });
  server = await start(env, silentLogger);
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function send(agent: Agent, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('connections a pooling proxy reuses', () => {
  it('answers every request when refused ones with unread bodies are mixed in: those say Connection: close, the rest keep alive', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const bigJson = JSON.stringify({ content: 'x'.repeat(300 * 1024) });
    const refused: Array<() => Promise<Answer>> = [
      // 413: over the JSON body limit.
      () => send(agent, 'POST', '/api/auth/dev-login', bigJson, { 'content-type': 'application/json' }),
      // 401: a large message without signing in, answered before the body is read.
      () =>
        send(agent, 'POST', '/api/cases', JSON.stringify({ content: 'y'.repeat(200 * 1024) }), {
          'content-type': 'application/json',
          'idempotency-key': 'k-1',
        }),
      // 413: a 9 MB upload.
      () => send(agent, 'POST', '/api/uploads', Buffer.alloc(9 * 1024 * 1024, 1), { 'content-type': 'application/octet-stream' }),
      // 400: not JSON at all.
      () => send(agent, 'POST', '/api/auth/dev-login', '{"name":', { 'content-type': 'application/json' }),
    ];
    const answers: Answer[] = [];
    for (let round = 0; round < 3; round++) {
      for (const bad of refused) {
        const a = await bad();
        expect(a.status, a.body).toBeGreaterThanOrEqual(400);
        expect(a.headers.connection).toBe('close');
        expect(JSON.parse(a.body).error.code).toMatch(/^[A-Z_]+$/);
        answers.push(a);
        const ok = await send(agent, 'GET', '/api/health');
        expect(ok.status).toBe(200);
        expect(ok.headers.connection).toBe('keep-alive');
        answers.push(ok);
      }
    }
    expect(answers).toHaveLength(24);
    // A refused GET has no body left on the socket: it keeps the connection.
    const missing = await send(agent, 'GET', '/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.connection).toBe('keep-alive');
    agent.destroy();
  }, 60_000);

  it('answers headers over 16 KB with 431 and the error body, not a bare status or a reset', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/Connection: close/i);
    expect(JSON.parse(body!)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/请求头太大/) } });
  });
});

describe('Content-Security-Policy on every HTML page', () => {
  const csp = async (path: string) => {
    const agent = new Agent();
    const a = await send(agent, 'GET', path);
    agent.destroy();
    return { ...a, policy: String(a.headers['content-security-policy'] ?? '') };
  };
  const hashOf = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

  it('the H5 app shell: its own inline script by hash, nothing else inline, no framing', async () => {
    for (const path of ['/', '/pages/window/index?id=3']) {
      const { status, policy } = await csp(path);
      expect(status).toBe(200);
      expect(policy).toContain(`script-src 'self' ${hashOf(INLINE)}`);
      expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
  });

  it('print pages and the API docs', async () => {
    const print = await csp('/print/items/1');
    expect(print.status).toBe(200);
    expect(print.policy).toContain("frame-ancestors 'self'");
    expect(print.policy).toMatch(/script-src 'self'(;|$)/);
    const docs = await csp('/api/docs');
    expect(docs.status).toBe(200);
    const inline = [...docs.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const s of inline) expect(docs.policy).toContain(hashOf(s));
    // Swagger UI comes from this origin (routes/docs.ts): no other origin anywhere in the policy.
    expect(docs.policy).toContain(`script-src 'self' ${inline.map(hashOf).join(' ')};`);
    expect(docs.policy).not.toMatch(/https?:/);
    expect(docs.body).not.toMatch(/https?:\/\//);
  });
});

describe('delivery of the H5 build', () => {
  function get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends the precompressed brotli or gzip file as the client accepts, hashed assets cached for a year', async () => {
    const br = await get('/js/app.0123abcd.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.bytes).toString()).toBe(APP_JS);
    expect(br.bytes.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5);

    const gz = await get('/js/app.0123abcd.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString()).toBe(APP_JS);

    const plain = await get('/js/app.0123abcd.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.bytes.toString()).toBe(APP_JS);

    // A file without a content hash in its name may change with a build: revalidated.
    const logo = await get('/logo.svg', { 'accept-encoding': 'br' });
    expect(logo.headers['cache-control']).toBe('no-cache');
  });

  it('revalidates the app shell: no-cache with an ETag, 304 when unchanged, for / and for deep links', async () => {
    const first = await get('/');
    expect(first.headers['cache-control']).toBe('no-cache');
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"/);
    for (const path of ['/', '/pages/guide/index?id=1']) {
      const again = await get(path, { 'if-none-match': tag });
      expect(again.status, path).toBe(304);
      expect(again.bytes.length).toBe(0);
    }
    expect((await get('/pages/guide/index?id=1')).headers.etag).toBe(tag);
  });
});

describe('the API docs viewer from this origin', () => {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const { version } = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')) as { version: string };
  function get(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('links Swagger UI under its version; the page itself revalidates', async () => {
    const page = await get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toMatch(/^W\//);
    const html = page.bytes.toString();
    expect(html).toContain(`<link rel="stylesheet" href="/api/docs/${version}/swagger-ui.css">`);
    expect(html).toContain(`<script src="/api/docs/${version}/swagger-ui-bundle.js"></script>`);
    expect(html).toContain("url: '/api/openapi.json'");
  });

  it("sends the bundle and the stylesheet in brotli or gzip as accepted, cached for a year, byte for byte the package's files", async () => {
    for (const [file, type] of [
      ['swagger-ui-bundle.js', /^text\/javascript/],
      ['swagger-ui.css', /^text\/css/],
    ] as const) {
      const original = readFileSync(join(dist, file));
      const path = `/api/docs/${version}/${file}`;
      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.status).toBe(200);
      expect(br.headers['content-type']).toMatch(type);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(br.headers['content-length'])).toBe(br.bytes.length);
      expect(brotliDecompressSync(br.bytes).equals(original)).toBe(true);
      expect(br.bytes.length).toBeLessThan(original.length / 3);

      const gz = await get(path, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.bytes).equals(original)).toBe(true);

      const plain = await get(path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.bytes.equals(original)).toBe(true);
      // One tag per encoding (they are other bytes); a revalidation is a 304.
      expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
      expect((await get(path, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).status).toBe(304);
    }
  });

  it('answers another version or another file with 404', async () => {
    for (const path of ['/api/docs/0.0.1/swagger-ui-bundle.js', `/api/docs/${version}/index.html`, `/api/docs/${version}/package.json`]) {
      const a = await get(path);
      expect(a.status, path).toBe(404);
      expect(JSON.parse(a.bytes.toString()).error.code).toBe('ROUTE_NOT_FOUND');
    }
  });
});

describe('compression of API answers', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.cleanup());

  async function fetchRaw(path: string, headers: Record<string, string> = {}, method = 'GET') {
    // app.request does not decompress: these are the bytes a client receives.
    const res = await ctx.app.request(path, { method, headers });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }
  const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;

  it('sends a large list in brotli or gzip as the client accepts, the same JSON and the same ETag in every encoding', async () => {
    const path = '/api/items?pageSize=50';
    const plain = await fetchRaw(path);
    expect(plain.status).toBe(200);
    expect(plain.bytes.length).toBeGreaterThan(10_000);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const json = JSON.parse(plain.bytes.toString());
    expect(json.data.length).toBeGreaterThanOrEqual(40);
    const tag = plain.headers.get('etag');
    expect(tag).toMatch(/^W\//);

    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['*', 'br'],
    ] as const) {
      // Twice: the second answer comes from the public content cache and the kept compressed bytes.
      for (let round = 0; round < 2; round++) {
        const a = await fetchRaw(path, { 'accept-encoding': accept });
        expect(a.headers.get('content-encoding'), accept).toBe(encoding);
        expect(a.headers.get('vary')).toMatch(/Accept-Encoding/i);
        expect(a.headers.get('etag')).toBe(tag);
        expect(a.headers.get('content-type')).toMatch(/^application\/json/);
        expect(Number(a.headers.get('content-length'))).toBe(a.bytes.length);
        expect(a.bytes.length).toBeLessThan(plain.bytes.length / 2);
        expect(JSON.parse(decode[encoding](a.bytes).toString())).toEqual(json);
      }
    }
    for (const accept of ['identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const a = await fetchRaw(path, { 'accept-encoding': accept });
      expect(a.headers.get('content-encoding'), accept).toBeNull();
      expect(a.headers.get('vary')).toMatch(/Accept-Encoding/i);
      expect(a.bytes.equals(plain.bytes)).toBe(true);
    }
  });

  it('answers If-None-Match with the ETag by 304 in every encoding, with Vary and no body', async () => {
    for (const path of ['/api/items?pageSize=50', `/api/search?q=${encodeURIComponent('办理')}&pageSize=50`]) {
      const first = await fetchRaw(path, { 'accept-encoding': 'br' });
      expect(first.headers.get('content-encoding'), path).toBe('br');
      const tag = first.headers.get('etag')!;
      for (const accept of ['br', 'gzip', 'identity', '']) {
        const again = await fetchRaw(path, { 'accept-encoding': accept, 'if-none-match': tag });
        expect(again.status, `${path} ${accept}`).toBe(304);
        expect(again.bytes.length).toBe(0);
        expect(again.headers.get('etag')).toBe(tag);
        expect(again.headers.get('vary')).toMatch(/Accept-Encoding/i);
        expect(again.headers.get('content-encoding')).toBeNull();
      }
    }
  });

  it('compresses a search with many hits (not cached) and a CSV export', async () => {
    const search = await fetchRaw(`/api/search?q=${encodeURIComponent('办理')}&pageSize=50`, { 'accept-encoding': 'gzip' });
    expect(search.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(search.bytes).toString()).total).toBeGreaterThan(10);

    const editor = await loginStaff(ctx.app, 'editor');
    const csv = await fetchRaw('/api/editor/export/items?format=csv', { ...bearer(editor), 'accept-encoding': 'br' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-encoding')).toBe('br');
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    const plain = await fetchRaw('/api/editor/export/items?format=csv', bearer(editor));
    expect(brotliDecompressSync(csv.bytes).equals(plain.bytes)).toBe(true);
  });

  it("leaves small answers, errors, HEAD and the editor's versioned views uncompressed", async () => {
    const small = await fetchRaw('/api/health', { 'accept-encoding': 'br' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(JSON.parse(small.bytes.toString())).toEqual({ ok: true });

    for (const [path, status, code] of [
      ['/api/nothing-here', 404, 'ROUTE_NOT_FOUND'],
      ['/api/items?pageSize=500', 400, 'VALIDATION_FAILED'],
      ['/api/items/999999', 404, 'NOT_FOUND'],
    ] as const) {
      const a = await fetchRaw(path, { 'accept-encoding': 'br' });
      expect(a.status, path).toBe(status);
      expect(a.headers.get('content-encoding')).toBeNull();
      expect(JSON.parse(a.bytes.toString())).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    }

    const head = await fetchRaw('/api/items?pageSize=50', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBeNull();
    expect(head.bytes.length).toBe(0);

    // Its ETag is the record's version, for If-Match: kept strong and unchanged, so the answer stays identity.
    const editor = await loginStaff(ctx.app, 'editor');
    const view = await fetchRaw('/api/editor/items/1', { ...bearer(editor), 'accept-encoding': 'br' });
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toMatch(/^"v\d+"$/);
    expect(view.headers.get('content-encoding')).toBeNull();
  });
});
