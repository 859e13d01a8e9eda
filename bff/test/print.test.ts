import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestContext, getJson, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, createDraft, departmentId } from './editor-support';

/** The print pages' HTML and who may see what (the PDF itself is tested in test/e2e/print.test.ts). */
let ctx: TestContext;
let editor: string;

beforeAll(async () => {
  ctx = await createTestContext({ env: { PUBLIC_BASE_URL: 'https://zw.qingxi.example' } });
  editor = await loginStaff(ctx.app, 'editor');
});
afterAll(() => ctx.cleanup());

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(path, { headers });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    cache: res.headers.get('cache-control'),
    text: await res.text(),
  };
}

describe('GET /print/items/:id', () => {
  it('is public HTML for a published guide with the seven parts and an inline QR code of the public URL', async () => {
    const item = (await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001')).body;
    const r = await page(`/print/items/${item.id}`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.cache).toBe('no-cache');
    for (const label of ['项目', '办理依据', '办理程序', '办理条件', '收费标准', '责任单位', '监督电话', '申请材料'])
      expect(r.text).toContain(label);
    expect(r.text).toContain(`data-qr-url="https://zw.qingxi.example/pages/qr/index?code=${item.qrCode}"`);
    expect(r.text).toMatch(/<svg[^>]*viewBox/);
    expect(r.text).toContain('@page { size: A4');
    expect(r.text).toContain('"Noto Sans CJK SC"');
    expect(r.text).not.toContain('草稿');
  });

  it('drafts: 404 for anonymous visitors, citizens and other staff; editors see them marked 草稿, escaped', async () => {
    const draft = await createDraft(ctx, editor, {
      code: '36112300MZ-XK-0601',
      name: '<script>alert("x")</script>测试',
      itemType: '行政许可',
      departmentId: await departmentId(ctx, 'mzj'),
      responsibleUnit: '"><img src=x onerror=alert(1)>',
    });
    expect((await page(`/print/items/${draft.id}`)).status).toBe(404);
    expect((await page(`/print/items/${draft.id}`, bearer(await loginCitizen(ctx.app, 'li')))).status).toBe(404);
    expect((await page(`/print/items/${draft.id}`, bearer(await loginStaff(ctx.app, 'mz_staff')))).status).toBe(404);
    const r = await page(`/print/items/${draft.id}`, bearer(editor));
    expect(r.status).toBe(200);
    expect(r.cache).toBe('private, no-store');
    expect(r.text).toContain('草稿 · 未发布');
    expect(r.text).not.toContain('<script>alert');
    expect(r.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;测试');
    expect(r.text).not.toContain('<img src=x');
    // Missing parts print as such rather than disappearing.
    expect(r.text).toContain('（未填写）');
  });

  it('a bad token is 401 (never silently the public view); bad ids are 400/404', async () => {
    const r = await page('/print/items/1', { authorization: 'Bearer not-a-token' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text).error.code).toBe('UNAUTHENTICATED');
    expect((await page('/print/items/abc')).status).toBe(400);
    expect((await page('/print/items/99999')).status).toBe(404);
  });
});

describe('GET /print/halls/:id/windows', () => {
  it('prints a card per published window; an unpublished hall is 404 except for editors', async () => {
    const hall = (await getJson(ctx.app, '/api/halls')).body.data[0];
    const detail = (await getJson(ctx.app, `/api/halls/${hall.id}`)).body;
    const r = await page(`/print/halls/${hall.id}/windows`);
    expect(r.status).toBe(200);
    expect(r.text.match(/<section class="card"/g)?.length).toBe(detail.windows.length);
    for (const w of detail.windows) expect(r.text).toContain(`https://zw.qingxi.example/pages/qr/index?code=${w.qrCode}`);

    // A draft window shows for editors only, marked.
    const w = await call(ctx, 'POST', `/api/editor/halls/${hall.id}/windows`, editor, {
      number: 'Z99',
      name: '新窗口',
      departmentId: null,
      description: '',
      itemIds: [],
    });
    expect(w.status).toBe(201);
    expect((await page(`/print/halls/${hall.id}/windows`)).text).not.toContain('Z99');
    const forEditor = await page(`/print/halls/${hall.id}/windows`, bearer(editor));
    expect(forEditor.text).toContain('Z99');
    expect(forEditor.text).toContain('<span class="draft">草稿</span>');

    expect((await call(ctx, 'POST', `/api/editor/halls/${hall.id}/unpublish`, editor)).status).toBe(200);
    expect((await page(`/print/halls/${hall.id}/windows`)).status).toBe(404);
    expect((await page(`/print/halls/${hall.id}/windows`, bearer(editor))).status).toBe(200);
    expect((await call(ctx, 'POST', `/api/editor/halls/${hall.id}/publish`, editor)).status).toBe(200);
  });

  it('is in the OpenAPI document, token optional', async () => {
    const doc = (await getJson(ctx.app, '/api/openapi.json')).body;
    for (const path of ['/print/items/{id}', '/print/halls/{id}/windows']) {
      expect(doc.paths[path].get.security).toEqual([{}, { bearerAuth: [] }]);
      expect(doc.paths[path].get.responses['200'].content).toHaveProperty('text/html');
    }
  });
});
