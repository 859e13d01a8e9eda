import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestContext, getJson, loginStaff, type TestContext } from './helpers';
import { call, completeItemFields, createDraft, departmentId, rows } from './editor-support';

/*
 * 办理结果样本 (resultSampleUrl), the field added through the content model
 * alone: one registry entry and a column, and it goes everywhere a guide's
 * field goes — the editing API, publishing, the citizen read, files, print.
 */

let ctx: TestContext;
let editor: string;
let mzjId: number;
const SAMPLE = 'https://zwfw.example.gov.cn/samples/dibao-zheng.pdf';

beforeAll(async () => {
  ctx = await createTestContext({ env: { PUBLIC_BASE_URL: 'https://zw.qingxi.example' } });
  editor = await loginStaff(ctx.app, 'editor');
  mzjId = await departmentId(ctx, 'mzj');
});
afterAll(() => ctx.cleanup());

describe('办理结果样本', () => {
  let id: number;

  it('a new guide has none; a patch sets it, a bad link is named with its label', async () => {
    const draft = await createDraft(ctx, editor, {
      code: '36112300MZ-XK-0801',
      name: '结果样本测试',
      itemType: '行政许可',
      departmentId: mzjId,
    });
    id = draft.id;
    expect(draft.resultSampleUrl).toBeNull();
    const bad = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 1, resultSampleUrl: 'not a link' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details.issues)).toContain('办理结果样本必须是网址');
    const script = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 1, resultSampleUrl: 'javascript:alert(1)' });
    expect(script.status).toBe(400);
    expect(JSON.stringify(script.body.error.details.issues)).toContain('办理结果样本必须是网址');
    const r = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, {
      baseVersion: 1,
      ...completeItemFields(),
      resultSampleUrl: SAMPLE,
    });
    expect(r.status).toBe(200);
    expect(r.body.resultSampleUrl).toBe(SAMPLE);
    const [stored] = await rows(ctx, 'SELECT result_sample_url FROM service_items WHERE id = ?', [id]);
    expect(stored!.result_sample_url).toBe(SAMPLE);
    const versions = (await call(ctx, 'GET', `/api/editor/items/${id}/versions`, editor)).body.data;
    expect(versions[0].changedFields).toContain('resultSampleUrl');
    expect(versions[0].changedLabels).toContain('办理结果样本');
  });

  it('is optional to publish, and citizens read it once published', async () => {
    const pub = await call(ctx, 'POST', `/api/editor/items/${id}/publish`, editor);
    expect(pub.status).toBe(200);
    const read = await getJson(ctx.app, `/api/items/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.resultSampleUrl).toBe(SAMPLE);
    // Seeded guides predate the field: none, and still published.
    const seeded = await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001');
    expect(seeded.body.resultSampleUrl).toBeNull();
  });

  it('is printed on the 明白纸 with its label', async () => {
    const res = await ctx.app.request(`/print/items/${id}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('办理结果样本');
    expect(text).toContain(SAMPLE);
  });

  it('is a column of the export, and an edited file imports it back', async () => {
    const csv = await (await ctx.app.request('/api/editor/export/items?format=csv', { headers: bearer(editor) })).text();
    const records = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    const mine = records.find((r) => r.code === '36112300MZ-XK-0801')!;
    expect(mine.resultSampleUrl).toBe(SAMPLE);
    expect(records.find((r) => r.code === '36112300GA-GG-0001')!.resultSampleUrl).toBe('');

    const changed = 'https://zwfw.example.gov.cn/samples/v2.pdf';
    const file = stringify([{ ...mine, resultSampleUrl: changed }], { header: true });
    const imp = await ctx.app.request('/api/editor/import/items', {
      method: 'POST',
      headers: { ...bearer(editor), 'content-type': 'text/csv' },
      body: file,
    });
    const body = (await imp.json()) as { updated: number };
    expect(imp.status).toBe(200);
    expect(body.updated).toBe(1);
    expect((await getJson(ctx.app, `/api/items/${id}`)).body.resultSampleUrl).toBe(changed);

    // JSON: an empty value clears it (null), like onlineUrl.
    const json = JSON.parse(await (await ctx.app.request('/api/editor/export/items?format=json', { headers: bearer(editor) })).text());
    const rec = json.find((r: { code: string }) => r.code === '36112300MZ-XK-0801');
    expect(rec.resultSampleUrl).toBe(changed);
    const back = await ctx.app.request('/api/editor/import/items', {
      method: 'POST',
      headers: { ...bearer(editor), 'content-type': 'application/json' },
      body: JSON.stringify([{ ...rec, resultSampleUrl: null }]),
    });
    expect(back.status).toBe(200);
    expect((await getJson(ctx.app, `/api/items/${id}`)).body.resultSampleUrl).toBeNull();
  });
});
