import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, completeItemFields, contentVersion, createDraft, departmentId } from './editor-support';

let ctx: TestContext;
let editor: string;
let admin: string;
let mzjId: number;

/** Moves the test clock (forward only) and logs in again, as tokens expire after 12 hours. */
async function at(iso: string) {
  ctx.clock.set(iso);
  editor = await loginStaff(ctx.app, 'editor');
  admin = await loginStaff(ctx.app, 'admin');
}

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2026-11-30T00:00:00.000Z');
  mzjId = await departmentId(ctx, 'mzj');
});
afterAll(() => ctx.cleanup());

const search = async (q: string) =>
  (await getJson(ctx.app, `/api/search?q=${encodeURIComponent(q)}`)).body.data.map((h: any) => `${h.type}:${h.id}`);

describe('who may edit', () => {
  const routes: Array<[string, string, unknown?]> = [
    ['GET', '/api/editor/items'],
    ['POST', '/api/editor/items', { code: '36112300MZ-XK-9001', name: '权限测试', itemType: '行政许可', departmentId: 1 }],
    ['GET', '/api/editor/items/1'],
    ['PATCH', '/api/editor/items/1', { name: 'x', baseVersion: 1 }],
    ['POST', '/api/editor/items/1/publish', {}],
    ['POST', '/api/editor/items/1/unpublish', {}],
    ['POST', '/api/editor/items/1/review', {}],
    ['GET', '/api/editor/items/1/versions'],
    ['GET', '/api/editor/items/1/versions/1'],
    ['GET', '/api/editor/policies'],
    ['POST', '/api/editor/policies', { docNumber: '权限〔2026〕1号', title: '权限测试' }],
    ['PATCH', '/api/editor/policies/1', { title: 'x', baseVersion: 1 }],
    ['POST', '/api/editor/policies/1/interpretations', { title: '权限测试' }],
    ['PATCH', '/api/editor/interpretations/1', { title: 'x', baseVersion: 1 }],
    ['POST', '/api/editor/interpretations/1/publish', {}],
    ['GET', '/api/editor/halls'],
    ['POST', '/api/editor/halls', { name: 'x' }],
    ['PATCH', '/api/editor/halls/1', { name: 'x', baseVersion: 1 }],
    ['POST', '/api/editor/halls/1/windows', { number: 'Z1' }],
    ['PATCH', '/api/editor/windows/1', { name: 'x', baseVersion: 1 }],
    ['POST', '/api/editor/windows/1/unpublish', {}],
    ['GET', '/api/editor/reports/stale'],
    ['GET', '/api/editor/export/items?format=csv'],
    ['POST', '/api/editor/import/items', []],
    ['GET', '/api/editor/qr/item/1'],
    ['GET', '/api/editor/qr/item/1/png'],
    ['GET', '/api/editor/qr/window/1/svg'],
    ['GET', '/api/editor/qr/hall/1/wxacode'],
  ];

  it.each(routes)(
    '%s %s: 401 without a token, 403 for citizens, staff and supervisors (before the body is read)',
    async (method, path, body) => {
      const citizen = await loginCitizen(ctx.app, 'zhang');
      const before = await contentVersion(ctx);
      expect((await call(ctx, method, path, null, body)).status).toBe(401);
      expect((await call(ctx, method, path, citizen, body)).status).toBe(403);
      for (const user of ['mz_staff', 'supervisor']) {
        const r = await call(ctx, method, path, await loginStaff(ctx.app, user), body);
        expect(r.status, user).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
      // A refusal changes nothing.
      expect(await contentVersion(ctx)).toBe(before);
    },
  );

  it('admins may edit too', async () => {
    expect((await call(ctx, 'GET', '/api/editor/items', admin)).status).toBe(200);
  });

  it('every editing route is in the OpenAPI document with the bearer scheme', async () => {
    const doc = (await getJson(ctx.app, '/api/openapi.json')).body;
    for (const [method, path] of routes) {
      const p = path.replace(/\?.*$/, '').replace(/\/(\d+)(?=\/|$)/g, (_m, _d, offset, whole) => {
        // /items/1 → /items/{id}; /versions/1 → /versions/{version}; /qr/item/1 → /qr/{type}/{id}
        return whole.slice(0, offset).endsWith('/versions') ? '/{version}' : '/{id}';
      });
      const openapiPath = p.replace(/\/qr\/(item|hall|window)\//, '/qr/{type}/').replace(/\/(export|import)\/items/, '/$1/{kind}');
      expect(doc.paths[openapiPath], openapiPath).toBeDefined();
      const op = doc.paths[openapiPath][method.toLowerCase()];
      expect(op, `${method} ${openapiPath}`).toBeDefined();
      expect(op.security).toEqual([{ bearerAuth: [] }]);
    }
  });
});

describe('PATCH from WeChat (no PATCH in wx.request)', () => {
  it('POST with X-HTTP-Method-Override: PATCH is the same edit, still checked for its version', async () => {
    const draft = await createDraft(ctx, editor, {
      code: '36112300MZ-XK-9101',
      name: '改写方法测试',
      itemType: '行政许可',
      departmentId: mzjId,
    });
    const r = await call(
      ctx,
      'POST',
      `/api/editor/items/${draft.id}`,
      editor,
      { summary: '从小程序保存', baseVersion: draft.version },
      { 'x-http-method-override': 'PATCH' },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.summary).toBe('从小程序保存');
    const stale = await call(
      ctx,
      'POST',
      `/api/editor/items/${draft.id}`,
      editor,
      { summary: '旧版本', baseVersion: draft.version },
      { 'x-http-method-override': 'patch' },
    );
    expect(stale.status).toBe(409);
    // Nothing else is overridden: a POST without the header is still a POST (no such route).
    expect((await call(ctx, 'POST', `/api/editor/items/${draft.id}`, editor, { summary: 'x' })).status).toBe(404);
  });
});

describe('a new guide: draft → complete → publish', () => {
  let id: number;
  const code = '36112300MZ-XK-0901';

  it('starts as a draft from four fields, listing what publishing still needs', async () => {
    const r = await call(ctx, 'POST', '/api/editor/items', editor, {
      code,
      name: '测试事项审批',
      itemType: '行政许可',
      departmentId: mzjId,
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('etag')).toBe('"v1"');
    expect(r.headers.get('cache-control')).toContain('no-store');
    id = r.body.id;
    expect(r.body).toMatchObject({ code, status: 'draft', version: 1, reviewedAt: null, legalBasis: [], conditions: [] });
    expect(r.body.qrCode).toMatch(/^[a-z0-9]{6}$/);
    const missing = r.body.publishProblems.filter((p: any) => p.missing).map((p: any) => p.label);
    for (const label of ['办理依据', '办理程序', '办理条件', '责任单位', '监督电话']) expect(missing).toContain(label);
    expect(r.body.publishProblems.map((p: any) => p.field)).toContain('fee.standard');
  });

  it('is invisible to citizens: 404, not listed, not found by search', async () => {
    expect((await getJson(ctx.app, `/api/items/${id}`)).status).toBe(404);
    expect((await getJson(ctx.app, `/api/items/by-code/${code}`)).status).toBe(404);
    const list = await getJson(ctx.app, `/api/items?department=${mzjId}&pageSize=50`);
    expect(list.body.data.map((i: any) => i.id)).not.toContain(id);
    expect(await search('测试事项审批')).not.toContain(`item:${id}`);
  });

  it('refuses to publish, naming every missing 七公开 field with its Chinese label', async () => {
    const before = await contentVersion(ctx);
    const r = await call(ctx, 'POST', `/api/editor/items/${id}/publish`, editor, {});
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    for (const label of ['办理依据', '办理程序', '办理条件', '收费标准', '责任单位', '监督电话']) {
      expect(r.body.error.message).toContain(label);
    }
    const byField = Object.fromEntries(r.body.error.details.problems.map((p: any) => [p.field, p]));
    expect(byField.legalBasis).toMatchObject({ label: '办理依据', missing: true });
    expect(byField.procedure).toMatchObject({ label: '办理程序', missing: true });
    expect(byField.conditions).toMatchObject({ label: '办理条件', missing: true });
    expect(byField['fee.standard']).toMatchObject({ label: '收费标准' });
    expect(byField.responsibleUnit).toMatchObject({ label: '责任单位', missing: true });
    expect(byField.supervisionPhone).toMatchObject({ label: '监督电话', missing: true });
    // The 七公开 come first, in their printed order.
    expect(r.body.error.details.problems[0].field).toBe('legalBasis');
    expect(r.body.error.details.missing).toEqual(expect.arrayContaining([{ field: 'legalBasis', label: '办理依据' }]));
    // The generic issue list too, for pages that only know that shape.
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain('record.legalBasis');
    expect(await contentVersion(ctx)).toBe(before);
    expect((await call(ctx, 'GET', `/api/editor/items/${id}`, editor)).body.status).toBe('draft');
  });

  it('an edit must say which version it was based on', async () => {
    const r = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { summary: '简介' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].field).toBe('body.baseVersion');
  });

  it('saves partial drafts; each save is a version', async () => {
    const r1 = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, {
      baseVersion: 1,
      legalBasis: completeItemFields().legalBasis,
      summary: '简介',
    });
    expect(r1.status).toBe(200);
    expect(r1.body.version).toBe(2);
    expect(r1.headers.get('etag')).toBe('"v2"');
    // If-Match carries the version as well as a body field.
    const r2 = await call(
      ctx,
      'PATCH',
      `/api/editor/items/${id}`,
      editor,
      { procedure: completeItemFields().procedure },
      { 'if-match': '"v2"' },
    );
    expect(r2.status).toBe(200);
    expect(r2.body.version).toBe(3);
    expect(r2.body.publishProblems.map((p: any) => p.field)).not.toContain('procedure');
  });

  it('validates each field and names it', async () => {
    const r = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, {
      baseVersion: 3,
      supervisionPhone: 'call me',
      statutoryLimitDays: -1,
      materials: [{ name: '', form: '原件', copies: 1, required: true }],
    });
    expect(r.status).toBe(400);
    const fields = r.body.error.details.issues.map((i: any) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.supervisionPhone', 'body.statutoryLimitDays', 'body.materials.0.name']));
    const unknownDept = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 3, departmentId: 99999 });
    expect(unknownDept.status).toBe(400);
    expect(unknownDept.body.error.details.issues[0].field).toBe('body.departmentId');
    expect(await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 3, code: 'bad code' }).then((x) => x.status)).toBe(
      400,
    );
    expect((await call(ctx, 'GET', `/api/editor/items/${id}`, editor)).body.version).toBe(3);
  });

  it('a stale edit is refused with 409, saying who changed what since', async () => {
    // Another editor (admin) saves first, from version 3.
    const theirs = await call(ctx, 'PATCH', `/api/editor/items/${id}`, admin, { baseVersion: 3, responsibleUnit: '清溪县民政局' });
    expect(theirs.status).toBe(200);
    const mine = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 3, responsibleUnit: '别的单位' });
    expect(mine.status).toBe(409);
    expect(mine.body.error.code).toBe('CONFLICT');
    expect(mine.body.error.message).toContain('系统管理员');
    expect(mine.body.error.details).toMatchObject({ currentVersion: 4, baseVersion: 3 });
    expect(mine.body.error.details.changedSince).toEqual([
      expect.objectContaining({
        version: 4,
        action: 'update',
        changedFields: ['responsibleUnit'],
        changedLabels: ['责任单位'],
        editor: expect.objectContaining({ name: '系统管理员' }),
      }),
    ]);
    expect((await call(ctx, 'GET', `/api/editor/items/${id}`, editor)).body.responsibleUnit).toBe('清溪县民政局');
    // Stale through If-Match as well; a malformed If-Match is a 400, not a guess.
    expect((await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { summary: 'x' }, { 'if-match': '"v3"' })).status).toBe(409);
    expect((await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { summary: 'x' }, { 'if-match': 'abc' })).status).toBe(400);
    expect(
      (await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { summary: 'x', baseVersion: 4 }, { 'if-match': '"v3"' })).status,
    ).toBe(400);
  });

  it('saving identical values writes nothing', async () => {
    const before = await contentVersion(ctx);
    const r = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 4, responsibleUnit: '清溪县民政局' });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(4);
    expect(await contentVersion(ctx)).toBe(before);
  });

  it('publishes once complete: citizens see it at once, search finds it, and it counts as reviewed', async () => {
    const fill = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, {
      ...completeItemFields({ keywords: ['测试事项', '独角兽证'] }),
      baseVersion: 4,
    });
    expect(fill.status).toBe(200);
    expect(fill.body.publishProblems).toEqual([]);
    await at('2026-12-01T02:00:00.000Z');
    const r = await call(ctx, 'POST', `/api/editor/items/${id}/publish`, editor, { baseVersion: 5 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'published', version: 6, reviewedAt: '2026-12-01T02:00:00.000Z', reviewedBy: { name: '刘芳' } });
    const pub = await getJson(ctx.app, `/api/items/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ name: '测试事项审批', responsibleUnit: '清溪县测试服务中心', updatedAt: '2026-12-01T02:00:00.000Z' });
    expect(await search('独角兽证')).toContain(`item:${id}`);
    const list = await getJson(ctx.app, `/api/items?department=${mzjId}&pageSize=50`);
    expect(list.body.data.find((i: any) => i.id === id)).toMatchObject({ updatedAt: '2026-12-01T02:00:00.000Z' });
  });

  it('keeps every version: who, when, what changed, and the whole record', async () => {
    const r = await call(ctx, 'GET', `/api/editor/items/${id}/versions`, editor);
    expect(r.status).toBe(200);
    expect(r.body.current).toBe(6);
    expect(r.body.data.map((v: any) => [v.version, v.action])).toEqual([
      [6, 'publish'],
      [5, 'update'],
      [4, 'update'],
      [3, 'update'],
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(r.body.data[0]).toMatchObject({ changedFields: ['status'], changedLabels: ['状态'], editor: { name: '刘芳' } });
    expect(r.body.data[4].changedFields.sort()).toEqual(['legalBasis', 'summary']);
    const v2 = await call(ctx, 'GET', `/api/editor/items/${id}/versions/2`, editor);
    expect(v2.body.snapshot).toMatchObject({ summary: '简介', status: 'draft', procedure: [] });
    expect((await call(ctx, 'GET', `/api/editor/items/${id}/versions/99`, editor)).status).toBe(404);
  });

  it('an edit of a published guide is live at once, and a revalidating citizen gets it', async () => {
    const first = await getJson(ctx.app, `/api/items/${id}`);
    const etag = first.headers.get('etag')!;
    expect((await getJson(ctx.app, `/api/items/${id}`, { 'if-none-match': etag })).status).toBe(304);
    const r = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 6, officeHours: '工作日 9:00-17:00，周六上午' });
    expect(r.status).toBe(200);
    const again = await getJson(ctx.app, `/api/items/${id}`, { 'if-none-match': etag });
    expect(again.status).toBe(200);
    expect(again.body.officeHours).toBe('工作日 9:00-17:00，周六上午');
    expect(again.headers.get('etag')).not.toBe(etag);
  });

  it('a published guide must stay complete: an edit that empties a 七公开 field is refused', async () => {
    const r = await call(ctx, 'PATCH', `/api/editor/items/${id}`, editor, { baseVersion: 7, conditions: [], supervisionPhone: '' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems.map((p: any) => p.label)).toEqual(['办理条件', '监督电话']);
    expect((await getJson(ctx.app, `/api/items/${id}`)).body.conditions).toEqual(['在本县居住的居民。']);
  });

  it('unpublishing hides it from citizens at once (404, lists, search, QR) but not from editors', async () => {
    const item = await getJson(ctx.app, `/api/items/${id}`);
    const qr = item.body.qrCode;
    expect((await getJson(ctx.app, `/api/qr/${qr}`)).status).toBe(200);
    const r = await call(ctx, 'POST', `/api/editor/items/${id}/unpublish`, editor, {}, { 'if-match': '"v7"' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'draft', version: 8 });
    expect((await getJson(ctx.app, `/api/items/${id}`)).status).toBe(404);
    expect((await getJson(ctx.app, `/api/items/${id}`, { 'if-none-match': item.headers.get('etag')! })).status).toBe(404);
    expect((await getJson(ctx.app, `/api/qr/${qr}`)).status).toBe(404);
    expect(await search('独角兽证')).not.toContain(`item:${id}`);
    expect((await getJson(ctx.app, `/api/items?q=${encodeURIComponent('独角兽证')}`)).body.total).toBe(0);
    expect((await call(ctx, 'GET', `/api/editor/items/${id}`, editor)).status).toBe(200);
    // Unpublishing a draft is a no-op, not an error.
    expect((await call(ctx, 'POST', `/api/editor/items/${id}/unpublish`, editor)).body.version).toBe(8);
  });

  it('refuses a code another guide has (409) and unknown ids (404)', async () => {
    const dupe = await call(ctx, 'POST', '/api/editor/items', editor, {
      code: '36112300GA-GG-0001',
      name: '重复',
      itemType: '公共服务',
      departmentId: mzjId,
    });
    expect(dupe.status).toBe(409);
    expect(dupe.body.error.message).toContain('居民身份证申领');
    expect((await call(ctx, 'GET', '/api/editor/items/99999', editor)).status).toBe(404);
    expect((await call(ctx, 'PATCH', '/api/editor/items/99999', editor, { baseVersion: 1, name: 'x' })).status).toBe(404);
    expect((await call(ctx, 'POST', '/api/editor/items/99999/publish', editor)).status).toBe(404);
    expect((await call(ctx, 'GET', '/api/editor/items/abc', editor)).status).toBe(400);
    const bad = await call(ctx, 'POST', '/api/editor/items', editor, { code: '36112300MZ-XK-0902', itemType: '许可', departmentId: mzjId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: any) => i.field)).toEqual(expect.arrayContaining(['body.name', 'body.itemType']));
  });
});

describe('seeded guides', () => {
  it('the first edit records the starting state as a baseline version', async () => {
    const seeded = (await getJson(ctx.app, '/api/items/by-code/36112300RS-GG-0001')).body;
    const r = await call(ctx, 'PATCH', `/api/editor/items/${seeded.id}`, editor, { baseVersion: 1, consultPhone: '0797-6321217' });
    expect(r.status).toBe(200);
    const versions = (await call(ctx, 'GET', `/api/editor/items/${seeded.id}/versions`, editor)).body.data;
    expect(versions.map((v: any) => [v.version, v.action, v.editor?.name ?? null])).toEqual([
      [2, 'update', '刘芳'],
      [1, 'baseline', null],
    ]);
    expect(versions[0].changedFields).toEqual(['consultPhone']);
    const baseline = (await call(ctx, 'GET', `/api/editor/items/${seeded.id}/versions/1`, editor)).body;
    expect(baseline.snapshot.consultPhone).toBe('0797-6321216');
    expect(baseline.at).toBe(seeded.updatedAt);
  });

  it('the history cannot be rewritten, even with SQL', async () => {
    await expect(ctx.client.execute('UPDATE content_versions SET editor_id = NULL')).rejects.toThrow(/append-only/);
    await expect(ctx.client.execute('DELETE FROM content_versions')).rejects.toThrow(/append-only/);
    // REPLACE over an existing id, or over an existing (entity, version) with a new id, would delete silently: refused.
    const [v] = (await ctx.client.execute('SELECT * FROM content_versions ORDER BY id LIMIT 1')).rows;
    const cols = Object.keys(v!);
    const list = cols.map((k) => `"${k}"`).join(', ');
    const marks = cols.map(() => '?').join(', ');
    for (const id of [v!.id, 999_999])
      for (const verb of ['INSERT OR REPLACE INTO', 'REPLACE INTO'])
        await expect(
          ctx.client.execute({
            sql: `${verb} content_versions (${list}) VALUES (${marks})`,
            args: cols.map((k) => (k === 'id' ? id : v![k])) as never,
          }),
        ).rejects.toThrow(/append-only/);
    expect({ ...(await ctx.client.execute({ sql: 'SELECT * FROM content_versions WHERE id = ?', args: [v!.id] })).rows[0] }).toEqual({
      ...v,
    });
  });

  it('lists drafts and published guides for editors, with filters', async () => {
    const drafts = await call(ctx, 'GET', '/api/editor/items?status=draft', editor);
    expect(drafts.body.data.every((i: any) => i.status === 'draft')).toBe(true);
    expect(drafts.body.data.map((i: any) => i.code)).toContain('36112300MZ-XK-0901');
    // 待完善: each row counts what publishing would refuse, as the full record's publishProblems do.
    const row = drafts.body.data.find((i: any) => i.code === '36112300MZ-XK-0901');
    expect(row.problemCount).toBe((await call(ctx, 'GET', `/api/editor/items/${row.id}`, editor)).body.publishProblems.length);
    const published = await call(ctx, 'GET', '/api/editor/items?status=published', editor);
    expect(published.body.data.every((i: any) => i.problemCount === 0)).toBe(true);
    const byCode = await call(ctx, 'GET', `/api/editor/items?q=${encodeURIComponent('rs-gg')}`, editor);
    expect(byCode.body.data.map((i: any) => i.code)).toContain('36112300RS-GG-0001');
    const byName = await call(ctx, 'GET', `/api/editor/items?q=${encodeURIComponent('身份证')}&department=99999`, editor);
    expect(byName.body.total).toBe(0);
    expect((await call(ctx, 'GET', '/api/editor/items?status=gone', editor)).status).toBe(400);
  });
});

describe('reviews and the stale-content report', () => {
  it('lists published content never reviewed or reviewed longer ago than the threshold', async () => {
    await at('2027-01-10T00:00:00.000Z');
    const r = await call(ctx, 'GET', '/api/editor/reports/stale', editor);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ thresholdDays: 90, thresholdSource: 'setting' });
    // The seed was never reviewed: every published guide and policy is listed, none of the drafts.
    const items = r.body.data.filter((e: any) => e.type === 'item');
    const published = (await getJson(ctx.app, '/api/items?pageSize=50')).body.total;
    expect(items.length).toBe(published);
    expect(r.body.data.some((e: any) => e.type === 'policy')).toBe(true);
    expect(items.every((e: any) => e.reviewedAt === null)).toBe(true);
  });

  it('a review takes a guide off the report until the threshold passes again', async () => {
    const id = (await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001')).body.id;
    const before = await contentVersion(ctx);
    const r = await call(ctx, 'POST', `/api/editor/items/${id}/review`, editor);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reviewedAt: '2027-01-10T00:00:00.000Z', reviewedBy: { name: '刘芳' } });
    // A review is not a new version of the content.
    expect((await call(ctx, 'GET', `/api/editor/items/${id}/versions`, editor)).body.data).toEqual([]);
    expect(await contentVersion(ctx)).toBeGreaterThan(before);
    const stale = async (query = '') => (await call(ctx, 'GET', `/api/editor/reports/stale${query}`, editor)).body;
    const ids = (report: any) => report.data.map((e: any) => `${e.type}:${e.id}`);
    expect(ids(await stale())).not.toContain(`item:${id}`);

    await at('2027-05-01T00:00:00.000Z'); // 111 days later
    const later = await stale();
    const entry = later.data.find((e: any) => e.type === 'item' && e.id === id);
    expect(entry).toMatchObject({ reviewedAt: '2027-01-10T00:00:00.000Z', daysSinceReview: 111, code: '36112300GA-GG-0001' });
    // Never-reviewed content comes first.
    expect(later.data[0].reviewedAt).toBeNull();
    // ?days= overrides the setting for one report; the admin setting changes the default.
    const wide = await stale('?days=200');
    expect(wide).toMatchObject({ thresholdDays: 200, thresholdSource: 'query' });
    expect(ids(wide)).not.toContain(`item:${id}`);
    expect((await call(ctx, 'PUT', '/api/admin/settings/staleAfterDays', admin, { value: 365 })).status).toBe(200);
    expect((await stale()).thresholdDays).toBe(365);
    expect(ids(await stale())).not.toContain(`item:${id}`);
    expect((await call(ctx, 'GET', '/api/editor/reports/stale?days=0', editor)).status).toBe(400);
    expect((await call(ctx, 'PUT', '/api/admin/settings/staleAfterDays', admin, { value: 0 })).status).toBe(400);
  });

  it('drafts cannot be marked reviewed (publishing is the review)', async () => {
    const draft = await createDraft(ctx, editor, {
      code: '36112300MZ-XK-0903',
      name: '未发布事项',
      itemType: '行政许可',
      departmentId: mzjId,
    });
    const r = await call(ctx, 'POST', `/api/editor/items/${draft.id}/review`, editor);
    expect(r.status).toBe(409);
  });
});

describe('requests that do not parse', () => {
  it('answers 4xx with the error body, never 500', async () => {
    const raw = await ctx.app.request('/api/editor/items', {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as any).error.code).toBeDefined();
    const big = await ctx.app.request('/api/editor/items/1', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ baseVersion: 1, summary: 'x'.repeat(300 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect((await call(ctx, 'PATCH', '/api/editor/items/1', editor, { baseVersion: 'one' })).status).toBe(400);
    expect((await call(ctx, 'PATCH', '/api/editor/items/1', editor, { baseVersion: 0 })).status).toBe(400);
  });
});
