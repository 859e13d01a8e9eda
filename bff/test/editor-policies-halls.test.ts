import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, contentVersion, departmentId } from './editor-support';
import { call as submitCall, key, message } from './cases-support';

let ctx: TestContext;
let editor: string;
let mzjId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-11-30T02:00:00.000Z');
  editor = await loginStaff(ctx.app, 'editor');
  mzjId = await departmentId(ctx, 'mzj');
});
afterAll(() => ctx.cleanup());

const search = async (q: string) =>
  (await getJson(ctx.app, `/api/search?q=${encodeURIComponent(q)}`)).body.data.map((h: any) => `${h.type}:${h.id}`);

describe('policies and their interpretations', () => {
  let policyId: number;
  let interpId: number;

  it('creates a draft policy from 文号 and title; publishing names what is missing', async () => {
    const r = await call(ctx, 'POST', '/api/editor/policies', editor, {
      docNumber: '青民发〔2026〕8号',
      title: '关于提高城乡低保标准的通知',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'draft', version: 1, validity: '有效', interpretations: [] });
    policyId = r.body.id;
    expect((await getJson(ctx.app, `/api/policies/${policyId}`)).status).toBe(404);

    const p = await call(ctx, 'POST', `/api/editor/policies/${policyId}/publish`, editor);
    expect(p.status).toBe(400);
    const labels = p.body.error.details.problems.map((x: any) => x.label);
    expect(labels).toEqual(expect.arrayContaining(['发文机关', '成文日期', '施行日期', '摘要']));
    expect(p.body.error.message).toContain('发文机关');

    const dupe = await call(ctx, 'POST', '/api/editor/policies', editor, { docNumber: '青民发〔2026〕8号', title: '重复' });
    expect(dupe.status).toBe(409);
  });

  it('publishes once complete; search and the citizen list show it at once', async () => {
    const fill = await call(ctx, 'PATCH', `/api/editor/policies/${policyId}`, editor, {
      baseVersion: 1,
      issuer: '清溪县民政局',
      departmentId: mzjId,
      issuedAt: '2026-11-20',
      effectiveAt: '2027-01-01',
      summary: '自 2027 年起提高城乡居民最低生活保障标准，城市每人每月 850 元，农村每人每月 700 元。',
      body: '各乡镇人民政府：为保障困难群众基本生活……（略）',
    });
    expect(fill.status).toBe(200);
    expect(fill.body.publishProblems).toEqual([]);
    const pub = await call(ctx, 'POST', `/api/editor/policies/${policyId}/publish`, editor, {}, { 'if-match': 'W/"v2"' });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'published', version: 3, reviewedBy: { name: '刘芳' } });
    expect((await getJson(ctx.app, `/api/policies/${policyId}`)).body.docNumber).toBe('青民发〔2026〕8号');
    expect(await search('低保标准')).toContain(`policy:${policyId}`);
    const list = await getJson(ctx.app, '/api/policies?pageSize=50');
    expect(list.body.data.map((p: any) => p.id)).toContain(policyId);
  });

  it('an interpretation starts as a draft with the issuer as interpreter, and publishing checks its required parts', async () => {
    const item = (await getJson(ctx.app, '/api/items?q=' + encodeURIComponent('低保'))).body.data[0];
    const r = await call(ctx, 'POST', `/api/editor/policies/${policyId}/interpretations`, editor, {
      title: '一图读懂：低保标准提高了',
      itemIds: [item.id],
    });
    expect(r.status).toBe(201);
    interpId = r.body.id;
    expect(r.body).toMatchObject({ policyId, interpreter: '清溪县民政局', status: 'draft', itemIds: [item.id], publishedAt: '' });
    const p = await call(ctx, 'POST', `/api/editor/interpretations/${interpId}/publish`, editor);
    expect(p.status).toBe(400);
    expect(p.body.error.details.problems.map((x: any) => x.label)).toEqual(
      expect.arrayContaining(['背景依据', '出台目的', '主要内容', '适用范围']),
    );
    expect((await call(ctx, 'POST', `/api/editor/policies/99999/interpretations`, editor, { title: 'x' })).status).toBe(404);
    const badItems = await call(ctx, 'PATCH', `/api/editor/interpretations/${interpId}`, editor, { baseVersion: 1, itemIds: [99999] });
    expect(badItems.status).toBe(400);
    expect(badItems.body.error.details.issues[0].field).toBe('body.itemIds');
  });

  it('publishing the interpretation dates it today (Beijing) and puts its text into the policy search document', async () => {
    const fill = await call(ctx, 'PATCH', `/api/editor/interpretations/${interpId}`, editor, {
      baseVersion: 1,
      background: '物价上涨，原标准已不能保障基本生活。',
      purpose: '让困难群众共享发展成果。',
      mainPoints: ['城市低保每人每月 850 元', '农村低保每人每月 700 元'],
      scope: '本县城乡低保对象。',
      benefits: '约 3200 户受益，自动调整，无需重新申请。',
    });
    expect(fill.status).toBe(200);
    const pub = await call(ctx, 'POST', `/api/editor/interpretations/${interpId}/publish`, editor);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'published', publishedAt: '2026-11-30' });
    const detail = await getJson(ctx.app, `/api/interpretations/${interpId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.policy.id).toBe(policyId);
    expect(await search('自动调整无需重新申请')).toContain(`policy:${policyId}`);
    const versions = (await call(ctx, 'GET', `/api/editor/interpretations/${interpId}/versions`, editor)).body;
    expect(versions.data.map((v: any) => v.action)).toEqual(['publish', 'update', 'create']);
    expect(versions.data[0].changedFields.sort()).toEqual(['publishedAt', 'status']);
    const policy = (await call(ctx, 'GET', `/api/editor/policies/${policyId}`, editor)).body;
    expect(policy.interpretations).toEqual([expect.objectContaining({ id: interpId, status: 'published' })]);
  });

  it('unpublishing the interpretation takes its text out of search; unpublishing the policy hides both', async () => {
    expect((await call(ctx, 'POST', `/api/editor/interpretations/${interpId}/unpublish`, editor)).status).toBe(200);
    expect((await getJson(ctx.app, `/api/interpretations/${interpId}`)).status).toBe(404);
    expect(await search('自动调整无需重新申请')).not.toContain(`policy:${policyId}`);
    expect((await call(ctx, 'POST', `/api/editor/interpretations/${interpId}/publish`, editor)).status).toBe(200);
    expect((await call(ctx, 'POST', `/api/editor/policies/${policyId}/unpublish`, editor)).status).toBe(200);
    expect((await getJson(ctx.app, `/api/policies/${policyId}`)).status).toBe(404);
    expect((await getJson(ctx.app, `/api/interpretations/${interpId}`)).status).toBe(404);
    expect(await search('低保标准')).not.toContain(`policy:${policyId}`);
    expect(
      (await call(ctx, 'GET', `/api/editor/policies?status=draft&q=${encodeURIComponent('低保标准')}`, editor)).body.data.map(
        (p: any) => p.id,
      ),
    ).toEqual([policyId]);
  });

  it('reviews policies too', async () => {
    expect((await call(ctx, 'POST', `/api/editor/policies/${policyId}/publish`, editor)).status).toBe(200);
    const r = await call(ctx, 'POST', `/api/editor/policies/${policyId}/review`, editor, { baseVersion: 5 });
    expect(r.status).toBe(200);
    expect(r.body.reviewedAt).toBe('2026-11-30T02:00:00.000Z');
    expect((await call(ctx, 'POST', `/api/editor/policies/${policyId}/review`, editor, { baseVersion: 4 })).status).toBe(409);
  });
});

describe('halls and windows', () => {
  let hallId: number;
  let windowId: number;

  it('a new hall is a draft until published; citizens do not see it', async () => {
    const body = {
      name: '清溪县不动产登记分中心',
      address: '清溪县城南大道 18 号',
      phone: '0797-6339999',
      hours: '工作日 8:30-17:30',
      description: '',
      directions: '',
    };
    const r = await call(ctx, 'POST', '/api/editor/halls', editor, body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'draft', version: 1, windows: [] });
    expect(r.body.qrCode).toMatch(/^[a-z0-9]{6}$/);
    hallId = r.body.id;
    expect((await getJson(ctx.app, `/api/halls/${hallId}`)).status).toBe(404);
    expect((await getJson(ctx.app, '/api/halls')).body.data.map((h: any) => h.id)).not.toContain(hallId);
    expect((await getJson(ctx.app, `/api/qr/${r.body.qrCode}`)).status).toBe(404);
    expect((await call(ctx, 'POST', '/api/editor/halls', editor, body)).status).toBe(409);
    const bad = await call(ctx, 'POST', '/api/editor/halls', editor, { ...body, name: '另一个', phone: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('body.phone');
  });

  it('windows are added as drafts, with their items; duplicates and unknown references are refused', async () => {
    const items = (await getJson(ctx.app, '/api/items?pageSize=3')).body.data.map((i: any) => i.id);
    const r = await call(ctx, 'POST', `/api/editor/halls/${hallId}/windows`, editor, {
      number: 'B01',
      name: '不动产登记',
      departmentId: mzjId,
      description: '',
      itemIds: items,
    });
    expect(r.status).toBe(201);
    windowId = r.body.id;
    expect(r.body).toMatchObject({ hallId, status: 'draft', itemIds: [...items].sort((a: number, b: number) => a - b) });
    expect(
      (
        await call(ctx, 'POST', `/api/editor/halls/${hallId}/windows`, editor, {
          number: 'B01',
          name: 'x',
          departmentId: null,
          description: '',
          itemIds: [],
        })
      ).status,
    ).toBe(409);
    const bad = await call(ctx, 'POST', `/api/editor/halls/${hallId}/windows`, editor, {
      number: 'B02',
      name: 'x',
      departmentId: 99999,
      description: '',
      itemIds: [99999],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: any) => i.field)).toEqual(['body.departmentId', 'body.itemIds']);
    expect(
      (
        await call(ctx, 'POST', `/api/editor/halls/99999/windows`, editor, {
          number: 'B03',
          name: 'x',
          departmentId: null,
          description: '',
          itemIds: [],
        })
      ).status,
    ).toBe(404);
  });

  it('publishing the hall and the window shows both to citizens at once (content version bumps)', async () => {
    const v0 = await contentVersion(ctx);
    expect((await call(ctx, 'POST', `/api/editor/halls/${hallId}/publish`, editor)).status).toBe(200);
    expect(await contentVersion(ctx)).toBeGreaterThan(v0);
    const hall = await getJson(ctx.app, `/api/halls/${hallId}`);
    expect(hall.status).toBe(200);
    // The window is still a draft.
    expect(hall.body.windows).toEqual([]);
    expect(hall.body.windowCount).toBe(0);
    expect((await getJson(ctx.app, `/api/windows/${windowId}`)).status).toBe(404);
    expect((await call(ctx, 'POST', `/api/editor/windows/${windowId}/publish`, editor, { baseVersion: 1 })).status).toBe(200);
    const again = await getJson(ctx.app, `/api/halls/${hallId}`, { 'if-none-match': hall.headers.get('etag')! });
    expect(again.status).toBe(200);
    expect(again.body.windows.map((w: any) => w.id)).toEqual([windowId]);
    const win = await getJson(ctx.app, `/api/windows/${windowId}`);
    expect(win.body.items.length).toBe(3);
    const item = await getJson(ctx.app, `/api/items/${win.body.items[0].id}`);
    expect(item.body.windows.map((w: any) => w.id)).toContain(windowId);
  });

  it('edits windows with versions; unpublishing the hall hides its windows too', async () => {
    const r = await call(ctx, 'PATCH', `/api/editor/windows/${windowId}`, editor, {
      baseVersion: 2,
      name: '不动产登记（综合）',
      itemIds: [],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 3, itemIds: [] });
    // Repeated ids are stored once (not a 500 from the link table's key).
    const items = (await getJson(ctx.app, '/api/items?pageSize=2')).body.data.map((i: any) => i.id);
    const twice = await call(ctx, 'PATCH', `/api/editor/windows/${windowId}`, editor, {
      baseVersion: 3,
      itemIds: [items[1], items[0], items[1]],
    });
    expect(twice.status).toBe(200);
    expect(twice.body.itemIds).toEqual([...items].sort((a: number, b: number) => a - b));
    const back = await call(ctx, 'PATCH', `/api/editor/windows/${windowId}`, editor, { baseVersion: 4, itemIds: [] });
    expect(back.body.version).toBe(5);
    const versions = (await call(ctx, 'GET', `/api/editor/windows/${windowId}/versions`, editor)).body.data;
    const v3 = versions.find((v: any) => v.version === 3);
    expect(v3.changedFields.sort()).toEqual(['itemIds', 'name']);
    expect(v3.changedLabels.sort()).toEqual(['可办事项', '窗口名称'].sort());
    expect(versions[0]).toMatchObject({ version: 5, changedFields: ['itemIds'] });
    expect((await call(ctx, 'PATCH', `/api/editor/windows/${windowId}`, editor, { baseVersion: 2, name: 'x' })).status).toBe(409);

    const code = (await getJson(ctx.app, `/api/windows/${windowId}`)).body.qrCode;
    expect((await getJson(ctx.app, `/api/qr/${code}`)).status).toBe(200);
    expect((await call(ctx, 'POST', `/api/editor/halls/${hallId}/unpublish`, editor)).status).toBe(200);
    expect((await getJson(ctx.app, `/api/windows/${windowId}`)).status).toBe(404);
    expect((await getJson(ctx.app, `/api/qr/${code}`)).status).toBe(404);
    const editorView = (await call(ctx, 'GET', `/api/editor/halls/${hallId}`, editor)).body;
    expect(editorView).toMatchObject({ status: 'draft', windows: [expect.objectContaining({ id: windowId, status: 'published' })] });
    const list = (await call(ctx, 'GET', '/api/editor/halls', editor)).body.data;
    expect(list.find((h: any) => h.id === hallId)).toMatchObject({ status: 'draft', windowCount: 1 });
  });

  it('a window citizens cannot see cannot be rated or written about, until it is public again', async () => {
    const citizen = await loginCitizen(ctx.app, 'wx-window-visibility');
    const rate = () => submitCall(ctx, 'POST', `/api/windows/${windowId}/ratings`, citizen, { level: 5 });
    const write = () =>
      submitCall(
        ctx,
        'POST',
        '/api/cases',
        citizen,
        { ...message(mzjId), target: { type: 'window', id: windowId } },
        { 'idempotency-key': key() },
      );
    // The hall is unpublished (previous test): its published window is not public.
    expect((await rate()).status).toBe(404);
    const refused = await write();
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0].field).toBe('body.target.id');

    expect((await call(ctx, 'POST', `/api/editor/halls/${hallId}/publish`, editor)).status).toBe(200);
    expect((await call(ctx, 'POST', `/api/editor/windows/${windowId}/unpublish`, editor)).status).toBe(200);
    expect((await rate()).status).toBe(404);
    expect((await write()).status).toBe(400);

    expect((await call(ctx, 'POST', `/api/editor/windows/${windowId}/publish`, editor)).status).toBe(200);
    expect((await rate()).status).toBe(201);
    expect((await write()).status).toBe(201);
  });

  it('halls and windows have no review (404 for the verb)', async () => {
    expect((await call(ctx, 'POST', `/api/editor/halls/${hallId}/review`, editor)).status).toBe(404);
  });
});
