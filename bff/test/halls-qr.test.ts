import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.cleanup());

describe('halls, windows and departments', () => {
  it('lists the halls with window counts and QR codes', async () => {
    const { status, body } = await getJson(ctx.app, '/api/halls');
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThanOrEqual(2);
    for (const h of body.data) {
      expect(h.windowCount).toBeGreaterThan(0);
      expect(h.qrCode).toMatch(/^[a-z0-9]{6}$/);
      expect(h.hours.length).toBeGreaterThan(0);
    }
  });

  it('shows a hall with numbered windows, and a window with its hall and items', async () => {
    const halls = await getJson(ctx.app, '/api/halls');
    const hall = await getJson(ctx.app, `/api/halls/${halls.body.data[0].id}`);
    expect(hall.body.windows.length).toBe(halls.body.data[0].windowCount);
    const numbers = hall.body.windows.map((w: any) => w.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const withItems = hall.body.windows.find((w: any) => w.department);
    const win = await getJson(ctx.app, `/api/windows/${withItems.id}`);
    expect(win.status).toBe(200);
    expect(win.body.hall.id).toBe(hall.body.id);
    expect(win.body.items.length).toBeGreaterThan(0);
  });

  it('every item is handled at some window of the main hall', async () => {
    const items = await getJson(ctx.app, '/api/items?pageSize=50');
    for (const item of items.body.data) {
      const detail = await getJson(ctx.app, `/api/items/${item.id}`);
      expect(detail.body.windows.length, item.name).toBeGreaterThan(0);
    }
  });

  it('lists departments and 404s unknown ones', async () => {
    const { body } = await getJson(ctx.app, '/api/departments');
    expect(body.data.length).toBeGreaterThanOrEqual(8);
    const one = await getJson(ctx.app, `/api/departments/${body.data[0].id}`);
    expect(one.body.code).toBe(body.data[0].code);
    expect((await getJson(ctx.app, '/api/departments/77777')).status).toBe(404);
    expect((await getJson(ctx.app, '/api/halls/77777')).status).toBe(404);
    expect((await getJson(ctx.app, '/api/windows/77777')).status).toBe(404);
    expect((await getJson(ctx.app, '/api/windows/x')).status).toBe(400);
  });
});

describe('GET /api/qr/:code', () => {
  it('resolves hall, window and item codes to the page to open', async () => {
    const halls = await getJson(ctx.app, '/api/halls');
    const hall = await getJson(ctx.app, `/api/halls/${halls.body.data[0].id}`);
    const win = hall.body.windows[0];
    const item = await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001');

    const h = await getJson(ctx.app, `/api/qr/${hall.body.qrCode}`);
    expect(h.body).toMatchObject({ type: 'hall', id: hall.body.id, path: `/pages/hall/index?id=${hall.body.id}` });
    const w = await getJson(ctx.app, `/api/qr/${win.qrCode}`);
    expect(w.body).toMatchObject({ type: 'window', id: win.id, path: `/pages/window/index?id=${win.id}` });
    expect(w.body.title).toContain(win.number);
    const i = await getJson(ctx.app, `/api/qr/${item.body.qrCode.toUpperCase()}`);
    expect(i.body).toMatchObject({ type: 'item', id: item.body.id, title: '居民身份证申领' });
  });

  it('keeps codes stable across a re-seed', async () => {
    const before = await getJson(ctx.app, '/api/halls');
    const { seed } = await import('../src/db/seed/run');
    await seed(ctx.db, ctx.search);
    const after = await getJson(ctx.app, '/api/halls');
    expect(after.body.data.map((h: any) => h.qrCode)).toEqual(before.body.data.map((h: any) => h.qrCode));
  });

  it('404s an unknown code and 400s a malformed one', async () => {
    const missing = await getJson(ctx.app, '/api/qr/zzzzzz');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/二维码/);
    for (const bad of ['a', 'ab%20cd', 'x'.repeat(17), '%E4%BD%A0%E5%A5%BD']) {
      const r = await getJson(ctx.app, `/api/qr/${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.details.issues[0].field).toBe('path.code');
    }
  });

  it('does not reveal an unpublished item behind its code', async () => {
    const item = await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0005');
    await ctx.client.execute({ sql: "UPDATE service_items SET status = 'draft' WHERE id = ?", args: [item.body.id] });
    const r = await getJson(ctx.app, `/api/qr/${item.body.qrCode}`);
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain('无犯罪');
    await ctx.client.execute({ sql: "UPDATE service_items SET status = 'published' WHERE id = ?", args: [item.body.id] });
  });
});
