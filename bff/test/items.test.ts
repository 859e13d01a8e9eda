import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.cleanup());

describe('GET /api/items', () => {
  it('lists published items with page metadata', async () => {
    const { status, body } = await getJson(ctx.app, '/api/items');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(40);
    expect(body.page).toBe(1);
    expect(body.pageSize).toBe(20);
    expect(body.data).toHaveLength(20);
    const first = body.data[0];
    expect(first).toMatchObject({ id: expect.any(Number), code: expect.any(String), name: expect.any(String) });
    expect(first.department.name).toMatch(/清溪县|江川市/);
  });

  it('pages without overlap or gaps, and past the end is empty', async () => {
    const all = await getJson(ctx.app, '/api/items?pageSize=50');
    const total = all.body.total as number;
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(total / 7); page++) {
      const { body } = await getJson(ctx.app, `/api/items?pageSize=7&page=${page}`);
      seen.push(...body.data.map((i: { id: number }) => i.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const past = await getJson(ctx.app, `/api/items?pageSize=7&page=${Math.ceil(total / 7) + 1}`);
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.total).toBe(total);
  });

  it('filters by department, type, hall, window and keyword', async () => {
    const depts = await getJson(ctx.app, '/api/departments');
    const mzj = depts.body.data.find((d: { code: string }) => d.code === 'mzj');
    const byDept = await getJson(ctx.app, `/api/items?department=${mzj.id}&pageSize=50`);
    expect(byDept.body.total).toBeGreaterThan(0);
    expect(byDept.body.data.every((i: any) => i.department.id === mzj.id)).toBe(true);

    const byType = await getJson(ctx.app, `/api/items?type=${encodeURIComponent('行政许可')}&pageSize=50`);
    expect(byType.body.total).toBeGreaterThan(0);
    expect(byType.body.data.every((i: any) => i.itemType === '行政许可')).toBe(true);

    const halls = await getJson(ctx.app, '/api/halls');
    const east = halls.body.data.find((h: any) => h.name.includes('城东'));
    const byHall = await getJson(ctx.app, `/api/items?hall=${east.id}&pageSize=50`);
    expect(byHall.body.total).toBeGreaterThan(0);
    expect(byHall.body.total).toBeLessThan(40);

    const hall = await getJson(ctx.app, `/api/halls/${east.id}`);
    const win = hall.body.windows.find((w: any) => w.number);
    const windowDetail = await getJson(ctx.app, `/api/windows/${win.id}`);
    const byWindow = await getJson(ctx.app, `/api/items?window=${win.id}&pageSize=50`);
    expect(byWindow.body.data.map((i: any) => i.id).sort()).toEqual(windowDetail.body.items.map((i: any) => i.id).sort());

    const byKeyword = await getJson(ctx.app, `/api/items?q=${encodeURIComponent('低保')}`);
    expect(byKeyword.body.data.map((i: any) => i.name)).toContain('最低生活保障审批');

    const combined = await getJson(
      ctx.app,
      `/api/items?q=${encodeURIComponent('低保')}&department=${mzj.id}&type=${encodeURIComponent('行政许可')}`,
    );
    expect(combined.body.total).toBe(0);
  });

  it('treats an unknown filter id as an empty result, not an error', async () => {
    const { status, body } = await getJson(ctx.app, '/api/items?department=99999');
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });

  it.each([
    ['page=0', 'query.page'],
    ['page=-1', 'query.page'],
    ['page=abc', 'query.page'],
    ['page=1.5', 'query.page'],
    ['pageSize=51', 'query.pageSize'],
    ['pageSize=0', 'query.pageSize'],
    ['department=abc', 'query.department'],
    ['department=0', 'query.department'],
    ['hall=1e99', 'query.hall'],
    ['window=-3', 'query.window'],
    ['type=%E4%B8%8D%E5%AD%98%E5%9C%A8', 'query.type'],
    [`q=${'很'.repeat(51)}`, 'query.q'],
  ])('rejects %s with 400 naming %s', async (qs, field) => {
    const { status, body } = await getJson(ctx.app, `/api/items?${qs}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues.map((i: any) => i.field)).toContain(field);
    expect(body.error.message).toContain(field);
  });
});

describe('GET /api/items/:id and by code', () => {
  it('returns every 七公开 part and the rest of the guide', async () => {
    const list = await getJson(ctx.app, '/api/items?pageSize=1');
    const { status, body } = await getJson(ctx.app, `/api/items/${list.body.data[0].id}`);
    expect(status).toBe(200);
    expect(body.name.length).toBeGreaterThan(0);
    expect(body.legalBasis.length).toBeGreaterThan(0);
    expect(body.procedure.length).toBeGreaterThan(0);
    expect(body.conditions.length).toBeGreaterThan(0);
    expect(body.fee).toMatchObject({ charged: expect.any(Boolean), standard: expect.any(String) });
    expect(body.responsibleUnit.length).toBeGreaterThan(0);
    expect(body.supervisionPhone).toMatch(/^[0-9-]+$/);
    expect(body.materials.length).toBeGreaterThan(0);
    expect(body.statutoryLimitDays).toBeGreaterThanOrEqual(body.promisedLimitDays);
    expect(body.windows.length).toBeGreaterThan(0);
    expect(body.qrCode).toMatch(/^[a-z0-9]{6}$/);
    expect(body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('finds the same item by its code, case-insensitively', async () => {
    const byCode = await getJson(ctx.app, '/api/items/by-code/36112300RS-GG-0001');
    expect(byCode.status).toBe(200);
    expect(byCode.body.name).toBe('社会保障卡申领');
    const lower = await getJson(ctx.app, '/api/items/by-code/36112300rs-gg-0001');
    expect(lower.body.id).toBe(byCode.body.id);
    const byId = await getJson(ctx.app, `/api/items/${byCode.body.id}`);
    expect(byId.body).toEqual(byCode.body);
  });

  it('links items to the interpretations that affect them', async () => {
    const { body } = await getJson(ctx.app, '/api/items/by-code/36112300MZ-JF-0001');
    expect(body.interpretations.length).toBeGreaterThan(0);
    expect(body.interpretations[0]).toMatchObject({ id: expect.any(Number), policyTitle: expect.any(String) });
  });

  it('404s unknown ids and codes with the error body', async () => {
    for (const path of ['/api/items/999999', '/api/items/by-code/00000000XX-XX-0000']) {
      const { status, body } = await getJson(ctx.app, path);
      expect(status).toBe(404);
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toMatch(/没有找到/);
    }
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999', '%20'])('400s the id %s', async (id) => {
    const { status, body } = await getJson(ctx.app, `/api/items/${id}`);
    expect(status).toBe(400);
    expect(body.error.details.issues[0].field).toBe('path.id');
  });

  it('hides drafts behind the same 404 as a missing id', async () => {
    const { body: item } = await getJson(ctx.app, '/api/items/by-code/36112300GJ-GG-0002');
    await ctx.client.execute({ sql: "UPDATE service_items SET status = 'draft' WHERE id = ?", args: [item.id] });
    try {
      const { status } = await getJson(ctx.app, `/api/items/${item.id}`);
      expect(status).toBe(404);
      const list = await getJson(ctx.app, '/api/items?pageSize=50');
      expect(list.body.data.map((i: any) => i.id)).not.toContain(item.id);
    } finally {
      await ctx.client.execute({ sql: "UPDATE service_items SET status = 'published' WHERE id = ?", args: [item.id] });
    }
  });
});

describe('cache validators', () => {
  it('sends an ETag and answers 304 to If-None-Match, 200 again after a change', async () => {
    const first = await ctx.app.request('/api/items/by-code/36112300RS-GG-0001');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await ctx.app.request('/api/items/by-code/36112300RS-GG-0001', { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await ctx.client.execute(
      "UPDATE service_items SET summary = summary || '（已更新）', updated_at = '2026-11-23T00:00:00.000Z' WHERE code = '36112300RS-GG-0001'",
    );
    const changed = await ctx.app.request('/api/items/by-code/36112300RS-GG-0001', { headers: { 'If-None-Match': tag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('applies to lists too', async () => {
    const first = await ctx.app.request('/api/items?page=2');
    const again = await ctx.app.request('/api/items?page=2', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});
