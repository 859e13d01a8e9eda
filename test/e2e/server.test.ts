import type { ErrorBody, ItemList } from '@zw/shared';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { startBuiltServer } from '../support/server';

const e2e = setupE2e({ browser: false });
const { api, url } = e2e;

/** The fields of a pino access-log line the test reads. */
type AccessLogLine = { msg?: string; path?: string; status?: number; requestId?: string };

describe('the built BFF on a real socket', () => {
  it('migrates and seeds an empty database on first start', async () => {
    const res = await api<ItemList>('/api/items?pageSize=1');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(40);
    expect(e2e.server.logs.join('')).toMatch(/seeded demo content/);
  });

  it('answers 304 to a revalidation over HTTP', async () => {
    const first = await fetch(url('/api/halls'));
    const tag = first.headers.get('etag')!;
    const again = await fetch(url('/api/halls'), { headers: { 'If-None-Match': tag } });
    expect(again.status).toBe(304);
  });

  it('serves the H5 app at / and for deep links, but 404s missing assets', async () => {
    const home = await fetch(url('/'));
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<div id="app"|<script/);
    const deep = await fetch(url('/pages/window/index?id=3'));
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/html/);
    expect((await fetch(url('/js/missing.js'))).status).toBe(404);
    const api404 = await api<ErrorBody>('/api/nope');
    expect(api404.status).toBe(404);
    expect(api404.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('sends the built app compressed once at build time: brotli, cached a year; the shell revalidated', async () => {
    const shell = await fetch(url('/'));
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const html = await shell.text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await fetch(url(src.startsWith('/') ? src : `/${src}`), { headers: { 'accept-encoding': 'br' } });
      expect(js.status, src).toBe(200);
      expect(js.headers.get('content-encoding'), src).toBe('br');
      expect(js.headers.get('cache-control'), src).toBe('public, max-age=31536000, immutable');
      expect(js.headers.get('vary'), src).toMatch(/accept-encoding/i);
    }
    const again = await fetch(url('/'), { headers: { 'if-none-match': shell.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('does not serve files outside the app folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fbff%2fpackage.json']) {
      const res = await fetch(url(path));
      const text = await res.text();
      expect(text, path).not.toContain('"dependencies"');
    }
  });

  it('writes structured JSON logs without query strings', async () => {
    await fetch(url(`/api/search?q=${encodeURIComponent('13800138000')}`));
    await new Promise((r) => setTimeout(r, 200));
    const lines = e2e.server.logs.join('').split('\n').filter(Boolean);
    const requests = lines.map((l) => JSON.parse(l) as AccessLogLine).filter((l) => l.msg === 'request');
    expect(requests.some((r) => r.path === '/api/search' && r.status === 200 && r.requestId)).toBe(true);
    expect(e2e.server.logs.join('')).not.toContain('13800138000');
  });

  it('refuses to start with a wrong setting, naming the variable', async () => {
    await expect(startBuiltServer({ PORT: 'eighty' })).rejects.toThrow(/PORT/);
  });
});
