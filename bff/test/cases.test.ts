import sharp from 'sharp';
import { isTrackingNo } from '@zw/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, bearer, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, departmentId, key, message, photoWithGps, submit, upload } from './cases-support';

let ctx: TestContext;
let citizen: string;
let other: string;
let mzjId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  // A Monday morning in Beijing, away from holidays, so deadlines are easy to reason about.
  ctx.clock.set('2026-11-23T01:00:00.000Z');
  citizen = await loginCitizen(ctx.app, 'wang');
  other = await loginCitizen(ctx.app, 'zhao');
  mzjId = await departmentId(ctx, 'mzj');
});
afterAll(() => ctx.cleanup());

describe('submitting a message', () => {
  it('registers it with a tracking number and a deadline in working days', async () => {
    const r = await submit(ctx, citizen, message(mzjId));
    expect(r.status).toBe(201);
    expect(r.body.trackingNo).toMatch(/^QX261123\d{9}$/);
    expect(r.body.queryCode).toBeNull();
    expect(r.body.state).toBe('submitted');
    // 咨询: 3 working days after Monday 2026-11-23 → end of Thursday 11-26, Beijing time.
    expect(r.body.dueAt).toBe('2026-11-26T15:59:59.999Z');
    const detail = await call(ctx, 'GET', `/api/cases/${r.body.id}`, citizen);
    expect(detail.status).toBe(200);
    expect(detail.body.department.name).toBe('清溪县民政局');
    expect(detail.body.timeline.map((e: any) => e.action)).toEqual(['submit']);
    expect(detail.body.deadlineStatus).toBe('on_track');
  });

  it('gives anonymous submitters a query code that opens the case read-only', async () => {
    const r = await submit(ctx, citizen, message(mzjId, { anonymous: true, contact: undefined, consent: false }));
    expect(r.status).toBe(201);
    expect(r.body.queryCode).toMatch(/^\d{10}$/);
    expect(isTrackingNo(r.body.trackingNo)).toBe(true);
    expect(r.body.trackingNo).toMatch(/^QX\d{15}$/);
    const found = await call(ctx, 'POST', '/api/cases/lookup', null, { trackingNo: r.body.trackingNo, queryCode: r.body.queryCode });
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(r.body.id);
    expect(found.body.availableActions).toEqual([]);
    const wrong = await call(ctx, 'POST', '/api/cases/lookup', null, {
      trackingNo: r.body.trackingNo,
      queryCode: r.body.queryCode === '0000000000' ? '1111111111' : '0000000000',
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.message).toBe('受理编号或查询码不正确');
  });

  it('targets a service item or a window, routing to the responsible department', async () => {
    const item = (await getJson(ctx.app, '/api/items/by-code/36112300RS-GG-0001')).body;
    const viaItem = await submit(ctx, citizen, message(0, { type: '投诉', target: { type: 'item', id: item.id } }));
    expect(viaItem.status).toBe(201);
    expect((await call(ctx, 'GET', `/api/cases/${viaItem.body.id}`, citizen)).body.department.name).toBe('清溪县人力资源和社会保障局');
    // 投诉: 13 working days.
    expect(viaItem.body.dueAt).toBe('2026-12-10T15:59:59.999Z');
    const halls = (await getJson(ctx.app, '/api/halls')).body.data;
    const hall = (await getJson(ctx.app, `/api/halls/${halls[0].id}`)).body;
    const noDept = hall.windows.find((w: any) => w.department === null);
    const viaWindow = await submit(ctx, citizen, message(0, { type: '建议', target: { type: 'window', id: noDept.id } }));
    expect(viaWindow.status).toBe(201);
    expect((await call(ctx, 'GET', `/api/cases/${viaWindow.body.id}`, citizen)).body.department.name).toBe('清溪县政务服务管理局');
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['content too short', { content: '太短了' }, 'body.content'],
    ['content too long', { content: '长'.repeat(2001) }, 'body.content'],
    ['unknown type', { type: '闲聊' }, 'body.type'],
    ['missing target', { target: undefined }, 'body.target'],
    ['bad target type', { target: { type: 'person', id: 1 } }, 'body.target.type'],
    ['anonymous with contact', { anonymous: true }, 'body.contact'],
    ['named without contact', { contact: undefined }, 'body.contact'],
    ['contact without consent', { consent: false }, 'body.consent'],
    ['bad phone', { contact: { name: '王', phone: '12345' } }, 'body.contact.phone'],
    ['too many photos', { photoIds: ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32), 'd'.repeat(32)] }, 'body.photoIds'],
    ['malformed photo id', { photoIds: ['../../etc/passwd'] }, 'body.photoIds.0'],
  ];
  it.each(bad)('refuses %s with 400 naming the field', async (_label, over, field) => {
    const r = await submit(ctx, citizen, message(mzjId, over));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain(field);
  });

  it('refuses a target that does not exist', async () => {
    const r = await submit(ctx, citizen, message(99999));
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].field).toBe('body.target.id');
  });

  it('requires an Idempotency-Key of the right shape', async () => {
    const none = await call(ctx, 'POST', '/api/cases', citizen, message(mzjId));
    expect(none.status).toBe(400);
    expect(none.body.error.details.issues[0].field).toBe('header.idempotency-key');
    const short = await submit(ctx, citizen, message(mzjId), 'abc');
    expect(short.status).toBe(400);
  });

  it('requires a citizen token', async () => {
    expect((await call(ctx, 'POST', '/api/cases', null, message(mzjId), { 'idempotency-key': key() })).status).toBe(401);
    const staff = await loginStaff(ctx.app, 'mz_staff');
    expect((await submit(ctx, staff, message(mzjId))).status).toBe(403);
  });

  it('refuses malformed JSON with 400, never 500', async () => {
    const res = await ctx.app.request('/api/cases', {
      method: 'POST',
      headers: { ...bearer(citizen), 'content-type': 'application/json', 'idempotency-key': key() },
      body: '{"type":',
    });
    expect(res.status).toBe(400);
  });
});

describe('idempotency', () => {
  it('returns the original result to a retry and creates one case', async () => {
    const k = key();
    const body = message(mzjId, { content: '重试测试：社区养老服务站什么时候开放？' });
    const first = await submit(ctx, citizen, body, k);
    const again = await submit(ctx, citizen, body, k);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const n = (await ctx.client.execute({ sql: 'SELECT count(*) n FROM cases WHERE content = ?', args: [body.content] })).rows[0]!.n;
    expect(n).toBe(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const k = key();
    await submit(ctx, citizen, message(mzjId, { content: '第一份内容：办理结婚登记要预约吗？' }), k);
    const r = await submit(ctx, citizen, message(mzjId, { content: '第二份内容：办理离婚登记要预约吗？' }), k);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('scopes keys to the citizen: another citizen may use the same key', async () => {
    const k = key();
    expect((await submit(ctx, citizen, message(mzjId), k)).status).toBe(201);
    expect((await submit(ctx, other, message(mzjId), k)).status).toBe(201);
  });

  it('answers 409 while the same key is in flight, and lets a retry take over a dead claim', async () => {
    const k = key();
    const citizenId = Number((await ctx.client.execute("SELECT id FROM citizens WHERE openid = 'dev:wang'")).rows[0]!.id);
    const body = message(mzjId, { content: '在途测试：高龄津贴每月几号发放？' });
    const { contentHash } = await import('../src/lib/hash');
    const parsed = (await import('@zw/shared')).SubmitCaseBody.parse(body);
    await ctx.client.execute({
      sql: "INSERT INTO idempotency_keys (citizen_id, key, request_hash, status, created_at) VALUES (?, ?, ?, 'in_flight', ?)",
      args: [citizenId, k, contentHash(parsed), ctx.clock.now().toISOString()],
    });
    const busy = await submit(ctx, citizen, body, k);
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    ctx.clock.advance(61_000);
    const taken = await submit(ctx, citizen, body, k);
    expect(taken.status).toBe(201);
  });

  it('creates exactly one case from 50 concurrent submissions with the same key', async () => {
    const k = key();
    const body = message(mzjId, { content: '并发测试：五十次同时提交同一份诉求，只应登记一件。' });
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(ctx, citizen, body, k)));
    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].every((s) => s === 201 || s === 409)).toBe(true);
    const numbers = new Set(results.filter((r) => r.status === 201).map((r) => r.body.trackingNo));
    expect(numbers.size).toBe(1);
    const n = (await ctx.client.execute({ sql: 'SELECT count(*) n FROM cases WHERE content = ?', args: [body.content] })).rows[0]!.n;
    expect(n).toBe(1);
  });
});

describe('photos', () => {
  it('strips EXIF/GPS, serves the photo through a signed link only', async () => {
    const original = await photoWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const up = await upload(ctx, citizen, original, 'IMG_0001.jpg');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ width: 64, height: 48, mime: 'image/jpeg' });
    const r = await submit(ctx, citizen, message(mzjId, { photoIds: [up.body.id] }));
    expect(r.status).toBe(201);
    const detail = await call(ctx, 'GET', `/api/cases/${r.body.id}`, citizen);
    const url: string = detail.body.photos[0].url;
    const res = await ctx.app.request(url);
    expect(res.status).toBe(200);
    const stored = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('TestPhone'))).toBe(false);
    // Tampered or expired links are refused.
    const tampered = url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(url);
    expect((await ctx.app.request(tampered)).status).toBe(404);
    ctx.clock.advance(2 * 3600_000);
    expect((await ctx.app.request(url)).status).toBe(404);
    ctx.clock.set('2026-11-23T01:00:00.000Z');
  });

  it('decides the type from the content, not the name', async () => {
    const fake = await upload(ctx, citizen, new TextEncoder().encode('<script>alert(1)</script>'), 'cat.jpg');
    expect(fake.status).toBe(415);
    expect(fake.body.error.message).toMatch(/JPG|PNG/);
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#00ff00' } })
      .png()
      .toBuffer();
    const ok = await upload(ctx, citizen, png, 'screenshot.txt', 'text/plain');
    expect(ok.status).toBe(201);
    expect(ok.body.mime).toBe('image/png');
  });

  it('limits the size and refuses an empty or missing file', async () => {
    const big = new Uint8Array(9 * 1024 * 1024);
    expect((await upload(ctx, citizen, big)).status).toBe(413);
    expect((await upload(ctx, citizen, new Uint8Array(0))).status).toBe(400);
    const res = await ctx.app.request('/api/uploads', { method: 'POST', headers: bearer(citizen), body: new FormData() });
    expect(res.status).toBe(400);
  });

  it('will not attach another citizen’s photo', async () => {
    const up = await upload(ctx, other, await photoWithGps());
    const r = await submit(ctx, citizen, message(mzjId, { photoIds: [up.body.id] }));
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].field).toBe('body.photoIds');
  });
});
