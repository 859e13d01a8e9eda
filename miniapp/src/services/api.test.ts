import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../bff/test/helpers';

/**
 * The client against a real BFF on loopback. Taro cannot run under Node, so
 * '@tarojs/taro' is stood in by a thin adapter that performs the same requests
 * with fetch and keeps storage in a Map — the client code itself is real.
 */
const storage = new Map<string, unknown>();
let failNetwork = false;

vi.mock('@tarojs/taro', () => ({
  default: {
    async request(opts: { url: string; method?: string; header?: Record<string, string>; data?: unknown }) {
      if (failNetwork) throw new Error('request:fail');
      const res = await fetch(opts.url, {
        method: opts.method ?? 'GET',
        headers: opts.header,
        body: opts.data === undefined ? undefined : JSON.stringify(opts.data),
      });
      const text = await res.text();
      const header: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        header[name] = value;
      });
      return { statusCode: res.status, data: text ? JSON.parse(text) : undefined, header };
    },
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    login: async () => ({ code: 'unused-in-h5' }),
  },
}));

let ctx: TestContext;
let server: ServerType;
let api: typeof import('./api').api;
let ApiError: typeof import('./api').ApiError;

beforeAll(async () => {
  ctx = await createTestContext();
  server = serve({ fetch: ctx.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  process.env.TARO_ENV = 'h5';
  process.env.TARO_APP_API_BASE = `http://127.0.0.1:${port}`;
  ({ api, ApiError } = await import('./api'));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  ctx.cleanup();
});

describe('the mini-program API client', () => {
  it('returns typed content from the BFF', async () => {
    const list = await api.items({ pageSize: 3 });
    expect(list.data).toHaveLength(3);
    const item = await api.item(list.data[0]!.id);
    expect(item.legalBasis.length).toBeGreaterThan(0);
    const found = await api.search({ q: '社保' });
    expect(found.data.map((h) => h.title.map((s) => s.text).join(''))).toContain('社会保障卡申领');
  });

  it('throws the server’s Chinese message, never resolves a failure', async () => {
    await expect(api.item(999999)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: expect.stringMatching(/没有找到/) });
    await expect(api.search({ q: 'x'.repeat(60) })).rejects.toBeInstanceOf(ApiError);
  });

  it('reports a lost network as a retryable network error', async () => {
    failNetwork = true;
    try {
      const err = await api.items().catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err.network).toBe(true);
      expect(err.message).toMatch(/网络/);
    } finally {
      failNetwork = false;
    }
  });

  it('signs the citizen in once, and a retried submission returns the same case', async () => {
    const dept = (await api.departments()).data[0]!;
    const body = { type: '咨询' as const, target: { type: 'department' as const, id: dept.id }, content: '请问办理居住证需要在本地住满多久？', anonymous: true, photoIds: [], consent: false };
    const key = 'k'.repeat(8) + Date.now().toString(16).padStart(24, '0');
    const first = await api.submitCase(body, key);
    const again = await api.submitCase(body, key);
    expect(again.trackingNo).toBe(first.trackingNo);
    expect(first.queryCode).toMatch(/^\d{6}$/);
    const mine = await api.myCases();
    expect(mine.data.map((c) => c.id)).toContain(first.id);
    const looked = await api.lookup(first.trackingNo, first.queryCode!);
    expect(looked.id).toBe(first.id);
  });

  it('forgets a token the server no longer accepts', async () => {
    storage.set('zw:citizen-token', { token: 'not-a-token', expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString() });
    await expect(api.myCases()).rejects.toMatchObject({ status: 401 });
    expect(storage.has('zw:citizen-token')).toBe(false);
    await expect(api.myCases()).resolves.toBeTruthy(); // signs in again
  });
});
