import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { nodeQrImages } from '../src/node/qr-images';
import { sharpImages } from '../src/node/images';
import { localStorage } from '../src/node/storage';
import { createTestContext, getJson, testPasswords, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.cleanup());

describe('the app shell', () => {
  it('answers the health route', async () => {
    const { status, body } = await getJson(ctx.app, '/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true });
  });

  it('serves an OpenAPI 3 document describing every route', async () => {
    const { status, body } = await getJson(ctx.app, '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/items',
      '/api/items/{id}',
      '/api/items/by-code/{code}',
      '/api/policies',
      '/api/policies/{id}',
      '/api/interpretations/{id}',
      '/api/halls',
      '/api/halls/{id}',
      '/api/windows/{id}',
      '/api/departments',
      '/api/search',
      '/api/qr/{code}',
    ]) {
      expect(body.paths, path).toHaveProperty([path, 'get']);
    }
    const params = body.paths['/api/items'].get.parameters.map((p: any) => p.name);
    expect(params).toEqual(expect.arrayContaining(['page', 'pageSize', 'department', 'type', 'hall', 'window', 'q']));
  });

  it('serves a browsable docs page', async () => {
    const res = await ctx.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/api/openapi.json');
  });

  it('answers unknown API routes with the error body', async () => {
    const { status, body } = await getJson(ctx.app, '/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('rejects oversized bodies with 413', async () => {
    const res = await ctx.app.request('/api/items', {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 10),
      headers: { 'content-length': String(1024 * 1024 + 10) },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sets protective headers', async () => {
    const res = await ctx.app.request('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('unexpected errors', () => {
  it('become a 500 with a request id, logged with the same id and no stack in the body', async () => {
    const logged: any[] = [];
    const logger = { info() {}, warn() {}, error: (obj: object) => logged.push(obj) };
    const broken = await createTestContext({ seed: false });
    const app = createApp({
      db: broken.db,
      logger,
      search: broken.search,
      config: broken.config,
      passwords: testPasswords,
      storage: localStorage(broken.dir),
      images: sharpImages(),
      qr: nodeQrImages,
      now: () => new Date(),
    });
    broken.client.close(); // the database goes away under the app
    const res = await app.request('/api/items');
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.requestId).toBeTruthy();
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|stack/);
    expect(logged).toHaveLength(1);
    expect(logged[0].requestId).toBe(body.error.requestId);
    broken.cleanup();
  });
});
