import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { citizenForPhone } from '../src/services/auth/phone-identity';
import { issueToken } from '../src/services/auth/tokens';
import { GUEST_SUBMISSIONS_PER_IP_PER_HOUR } from '../src/services/cases/submit';
import { call, departmentId, key, message, submit } from './cases-support';
import { createTestContext, getJson, loginCitizen, loginStaff, type TestContext } from './helpers';

/*
 * Reaching citizens outside the mini-program: 帮办代办 (staff record a message
 * at the counter or on the phone), anonymous messages without signing in, case
 * lists that name their target and show 待评价 with the reply's first line,
 * and the figures split by channel.
 *
 * Clock: Monday 2026-11-23 09:00 Beijing.
 */
const MONDAY = '2026-11-23T01:00:00.000Z';
const MOBILE = '13912345678';
const LANDLINE = '0797-8321234';

let ctx: TestContext;
let mzjId: number;
let rsjId: number;
let citizen: string;
let mz: string;
let rs: string;
let sup: string;
let editor: string;
let admin: string;

async function scalar(sql: string, args: Array<string | number | null> = []) {
  return (await ctx.client.execute({ sql, args })).rows[0]?.[0];
}
async function row(sql: string, args: Array<string | number | null> = []) {
  return (await ctx.client.execute({ sql, args })).rows[0] as Record<string, unknown> | undefined;
}
const act = (token: string, id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, token, body);

const recording = (deptId: number, over: Record<string, unknown> = {}) => ({
  channel: 'counter',
  type: '求助',
  target: { type: 'department', id: deptId },
  content: '老人腿脚不便，想咨询高龄津贴怎么申请，能否由社区代办。',
  citizen: { name: '李桂兰', phone: MOBILE },
  consent: true,
  ...over,
});
const record = (token: string | null, body: unknown, k = key()) =>
  call(ctx, 'POST', '/api/staff/cases', token, body, { 'idempotency-key': k });
const guest = (body: unknown, k = key(), ip = '198.51.100.1') =>
  call(ctx, 'POST', '/api/cases/guest', null, body, { 'idempotency-key': k, 'x-forwarded-for': ip });
const anonymousMessage = (deptId: number, over: Record<string, unknown> = {}) =>
  message(deptId, { anonymous: true, contact: undefined, consent: false, ...over });

/** The token a citizen gets after signing in with this phone (the SMS sign-in finds the citizen through citizenForPhone). */
async function tokenForPhone(phone: string): Promise<{ id: number; token: string }> {
  const { id } = await citizenForPhone(ctx.db, ctx.config, phone, ctx.clock.now());
  return { id, token: (await issueToken(ctx.config, ctx.clock.now(), { kind: 'citizen', id })).token };
}

beforeAll(async () => {
  // Behind our proxy: the client address comes from X-Forwarded-For, so tests can be several addresses.
  ctx = await createTestContext({ env: { TRUST_PROXY: 'true' } });
  ctx.clock.set(MONDAY);
  mzjId = await departmentId(ctx, 'mzj');
  rsjId = await departmentId(ctx, 'rsj');
});
afterAll(() => ctx.cleanup());
beforeEach(async () => {
  ctx.clock.set(MONDAY);
  citizen = await loginCitizen(ctx.app, 'wu');
  [mz, rs, sup, editor, admin] = await Promise.all(
    ['mz_staff', 'rs_staff', 'supervisor', 'editor', 'admin'].map((u) => loginStaff(ctx.app, u)),
  );
});

describe('帮办代办: POST /api/staff/cases', () => {
  it('records a counter message for a mobile: the citizen of that phone, contact encrypted, query code to read out', async () => {
    const r = await record(mz, recording(mzjId));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'submitted', receivedAt: MONDAY });
    expect(r.body.trackingNo).toMatch(/^QX261123\d{9}$/);
    expect(r.body.queryCode).toMatch(/^\d{10}$/);
    const id = r.body.id as number;

    const c = await row('SELECT * FROM cases WHERE id = ?', [id]);
    const mzStaffId = Number(await scalar("SELECT id FROM staff_users WHERE username = 'mz_staff'"));
    expect(c).toMatchObject({
      channel: 'counter',
      recorded_by: mzStaffId,
      anonymous: 0,
      contact_name: '李桂兰',
      contact_phone_masked: '139****5678',
      consent_at: MONDAY,
      department_id: mzjId,
    });
    expect(String(c!.contact_phone_enc)).not.toContain(MOBILE);
    expect(await ctx.config.cipher.decrypt(ctx.config.contactKey, String(c!.contact_phone_enc))).toBe(MOBILE);

    // The citizen who later signs in by SMS with that phone is this case's citizen, and sees it.
    const phoneCitizen = await tokenForPhone(MOBILE);
    expect(Number(c!.citizen_id)).toBe(phoneCitizen.id);
    expect(await row('SELECT openid, phone_masked FROM citizens WHERE id = ?', [phoneCitizen.id])).toMatchObject({
      openid: null,
      phone_masked: '139****5678',
    });
    const mine = await call(ctx, 'GET', '/api/cases/mine', phoneCitizen.token);
    expect(mine.body.data.map((x: any) => x.id)).toContain(id);
    expect(mine.body.data.find((x: any) => x.id === id)).toMatchObject({ channel: 'counter', target: { name: '清溪县民政局' } });

    // The public timeline starts with the recording, by the department of whoever recorded it.
    const view = await call(ctx, 'GET', `/api/cases/${id}`, phoneCitizen.token);
    expect(view.status).toBe(200);
    expect(view.body.channel).toBe('counter');
    expect(view.body.timeline).toHaveLength(1);
    expect(view.body.timeline[0]).toMatchObject({ action: 'record', label: '窗口代为登记', actor: '清溪县民政局', visibility: 'public' });
    expect(JSON.stringify(view.body)).not.toContain('李娟');

    // A second recording for the same phone (from another department) joins the same citizen.
    const again = await record(rs, recording(rsjId, { channel: 'phone' }));
    expect(again.status).toBe(201);
    expect(Number(await scalar('SELECT citizen_id FROM cases WHERE id = ?', [again.body.id]))).toBe(phoneCitizen.id);
  });

  it('gives a landline caller a citizen of their own (no openid, no phone) and lets them follow with the query code', async () => {
    const r = await record(mz, recording(mzjId, { channel: 'phone', citizen: { name: '陈德福', phone: LANDLINE } }));
    expect(r.status).toBe(201);
    const c = await row('SELECT citizen_id, channel, contact_phone_masked FROM cases WHERE id = ?', [r.body.id]);
    expect(c).toMatchObject({ channel: 'phone' });
    expect(await row('SELECT openid, phone_hash, phone_enc FROM citizens WHERE id = ?', [Number(c!.citizen_id)])).toEqual({
      openid: null,
      phone_hash: null,
      phone_enc: null,
    });
    const other = await record(
      mz,
      recording(mzjId, { channel: 'phone', citizen: { name: '陈德福', phone: LANDLINE }, content: '再反映一件事：村口路灯坏了一个多月。' }),
    );
    expect(other.status).toBe(201);
    expect(Number(await scalar('SELECT citizen_id FROM cases WHERE id = ?', [other.body.id]))).not.toBe(Number(c!.citizen_id));

    const found = await call(ctx, 'POST', '/api/cases/lookup', null, { trackingNo: r.body.trackingNo, queryCode: r.body.queryCode });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: r.body.id, channel: 'phone', availableActions: [] });
    expect(found.body.timeline[0]).toMatchObject({ action: 'record', label: '电话代为登记' });
    const wrong = r.body.queryCode === '000000' ? '111111' : '000000';
    expect((await call(ctx, 'POST', '/api/cases/lookup', null, { trackingNo: r.body.trackingNo, queryCode: wrong })).status).toBe(404);
  });

  it('follows the same deadlines and state machine as an online case; the phone citizen can rate once answered', async () => {
    const online = await submit(ctx, citizen, message(mzjId, { type: '求助' }));
    const r = await record(mz, recording(mzjId, { citizen: { name: '李桂兰', phone: '13700001111' } }));
    expect(r.body.dueAt).toBe(online.body.dueAt);
    expect((await act(mz, r.body.id, { action: 'accept' })).status).toBe(200);
    expect((await act(mz, r.body.id, { action: 'reply', body: '高龄津贴可由社区代为申请，工作人员将上门采集信息。' })).status).toBe(200);
    const { token } = await tokenForPhone('13700001111');
    const mine = await call(ctx, 'GET', '/api/cases/mine', token);
    expect(mine.body.data[0]).toMatchObject({ id: r.body.id, state: 'answered', awaitingRating: true });
    expect((await call(ctx, 'POST', `/api/cases/${r.body.id}/rating`, token, { level: 5 })).status).toBe(201);
    // The department's inbox lists it like any other case.
    const inbox = await call(ctx, 'GET', `/api/staff/cases?state=all&trackingNo=${r.body.trackingNo}`, mz);
    expect(inbox.body.data[0]).toMatchObject({ id: r.body.id, channel: 'counter', contactPhoneMasked: '137****1111' });
  });

  it('is idempotent: a retry returns the first answer, one case; the key is scoped to the staff member', async () => {
    const k = key();
    const body = recording(mzjId, { citizen: { name: '王大爷', phone: '13600002222' } });
    const first = await record(mz, body, k);
    const retry = await record(mz, body, k);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await scalar('SELECT count(*) FROM cases WHERE recorded_by IS NOT NULL AND contact_phone_masked = ?', ['136****2222'])).toBe(1);

    const changed = await record(mz, { ...body, content: '换了内容的同一次提交，应当被拒绝。' }, k);
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The same key from a colleague, or from a citizen, is another request.
    const colleague = await record(rs, recording(rsjId, { citizen: { name: '王大爷', phone: '13600002222' } }), k);
    expect(colleague.status).toBe(201);
    expect(colleague.body.id).not.toBe(first.body.id);
    const byCitizen = await submit(ctx, citizen, message(mzjId), k);
    expect(byCitizen.status).toBe(201);
    expect(byCitizen.body.id).not.toBe(first.body.id);
  });

  it.each([
    ['missing consent', { consent: undefined }, 'body.consent'],
    ['consent refused', { consent: false }, 'body.consent'],
    ['online is not a recording channel', { channel: 'online' }, 'body.channel'],
    ['unknown channel', { channel: 'fax' }, 'body.channel'],
    ['malformed phone', { citizen: { name: '李桂兰', phone: '12345' } }, 'body.citizen.phone'],
    ['no citizen', { citizen: undefined }, 'body.citizen'],
    ['no name', { citizen: { name: ' ', phone: MOBILE } }, 'body.citizen.name'],
    ['content too short', { content: '太短' }, 'body.content'],
  ])('refuses %s with 400 in Chinese', async (_label, over, field) => {
    const before = Number(await scalar('SELECT count(*) FROM cases'));
    const r = await record(mz, recording(mzjId, over));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const issue = r.body.error.details.issues.find((i: any) => i.field === field);
    expect(issue, JSON.stringify(r.body.error.details.issues)).toBeDefined();
    expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(Number(await scalar('SELECT count(*) FROM cases'))).toBe(before);
  });

  it('refuses an unknown target, a missing key, and callers who are not staff or supervisors', async () => {
    const bad = await record(mz, recording(mzjId, { target: { type: 'department', id: 99999 } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('body.target.id');
    expect((await call(ctx, 'POST', '/api/staff/cases', mz, recording(mzjId))).status).toBe(400);
    expect((await record(sup, recording(mzjId, { citizen: { name: '督办代录', phone: '13500003333' } }))).status).toBe(201);
    expect((await record(editor, recording(mzjId))).status).toBe(403);
    expect((await record(admin, recording(mzjId))).status).toBe(403);
    expect((await record(citizen, recording(mzjId))).status).toBe(403);
    expect((await record(null, recording(mzjId))).status).toBe(401);
  });
});

describe('anonymous messages without signing in: POST /api/cases/guest', () => {
  it('needs no token, gives the tracking number and query code, and the lookup opens the case', async () => {
    const r = await guest(anonymousMessage(mzjId));
    expect(r.status).toBe(201);
    expect(r.body.trackingNo).toMatch(/^QX\d{15}$/);
    expect(r.body.queryCode).toMatch(/^\d{10}$/);
    const c = await row('SELECT citizen_id, anonymous, channel, contact_phone_enc FROM cases WHERE id = ?', [r.body.id]);
    expect(c).toMatchObject({ anonymous: 1, channel: 'online', contact_phone_enc: null });
    expect(await row('SELECT openid, phone_hash FROM citizens WHERE id = ?', [Number(c!.citizen_id)])).toEqual({
      openid: null,
      phone_hash: null,
    });
    const found = await call(ctx, 'POST', '/api/cases/lookup', null, { trackingNo: r.body.trackingNo, queryCode: r.body.queryCode });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: r.body.id, anonymous: true, state: 'submitted' });
    expect(found.body.timeline[0]).toMatchObject({ action: 'submit' });
    // Each guest message has its own citizen: nobody else's list shows it.
    const second = await guest(anonymousMessage(mzjId, { content: '另一位不登录的群众反映：办事大厅饮水机坏了。' }));
    expect(Number(await scalar('SELECT citizen_id FROM cases WHERE id = ?', [second.body.id]))).not.toBe(Number(c!.citizen_id));
  });

  it('refuses a named message and photos with a clear 400, creating nothing', async () => {
    const before = Number(await scalar('SELECT count(*) FROM cases'));
    const named = await guest(message(mzjId));
    expect(named.status).toBe(400);
    expect(named.body.error.details.issues[0].field).toBe('body.anonymous');
    expect(named.body.error.message).toContain('匿名');
    const photos = await guest(anonymousMessage(mzjId, { photoIds: ['a'.repeat(24)] }));
    expect(photos.status).toBe(400);
    expect(photos.body.error.details.issues[0].field).toBe('body.photoIds');
    expect(photos.body.error.message).toContain('照片');
    expect((await call(ctx, 'POST', '/api/cases/guest', null, anonymousMessage(mzjId))).status).toBe(400);
    expect(Number(await scalar('SELECT count(*) FROM cases'))).toBe(before);
  });

  it('is idempotent, in a scope of its own: a citizen using the same key gets a case of their own', async () => {
    const k = key();
    const body = anonymousMessage(mzjId, { content: '路口红绿灯时间太短，老人过马路来不及。' });
    const first = await guest(body, k);
    const retry = await guest(body, k, '198.51.100.77');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await scalar('SELECT count(*) FROM idempotency_keys WHERE key = ? AND citizen_id = 0', [k])).toBe(1);
    expect((await guest({ ...body, content: '同一个编号换了内容，不能当作同一次提交。' }, k)).status).toBe(422);

    const signedIn = await submit(ctx, citizen, body, k);
    expect(signedIn.status).toBe(201);
    expect(signedIn.headers.get('idempotent-replayed')).toBeNull();
    expect(signedIn.body.id).not.toBe(first.body.id);
  });

  it(`limits new messages to ${GUEST_SUBMISSIONS_PER_IP_PER_HOUR} an hour per address (429 with Retry-After); retries still get their answer`, async () => {
    const ip = '203.0.113.9';
    const keys: string[] = [];
    for (let i = 0; i < GUEST_SUBMISSIONS_PER_IP_PER_HOUR; i++) {
      keys.push(key());
      const r = await guest(anonymousMessage(mzjId, { content: `第 ${i + 1} 条不登录的匿名留言，反映路灯问题。` }), keys[i], ip);
      expect(r.status).toBe(201);
    }
    const over = await guest(anonymousMessage(mzjId, { content: '超过限额的匿名留言，应当被拒绝。' }), key(), ip);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const replay = await guest(anonymousMessage(mzjId, { content: '第 1 条不登录的匿名留言，反映路灯问题。' }), keys[0], ip);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Another address is not held back, and an hour later this one may send again.
    expect((await guest(anonymousMessage(mzjId, { content: '另一个地址的匿名留言，不受影响。' }), key(), '203.0.113.10')).status).toBe(201);
    ctx.clock.set('2026-11-23T02:00:01.000Z');
    expect((await guest(anonymousMessage(mzjId, { content: '一小时后再次留言，可以提交。' }), key(), ip)).status).toBe(201);
  });
});

describe('case lists name their target and show 待评价', () => {
  it('names department, item and window targets in 我的诉求 and in the staff inbox', async () => {
    // An item and a window of 民政局, so all three cases land in one department's inbox.
    const item = (await row("SELECT id, name FROM service_items WHERE status = 'published' AND department_id = ? ORDER BY id LIMIT 1", [
      mzjId,
    ]))!;
    const win = (await row(
      "SELECT w.id, w.number, w.name FROM service_windows w JOIN halls h ON h.id = w.hall_id WHERE w.status = 'published' AND h.status = 'published' AND w.department_id = ? ORDER BY w.id LIMIT 1",
      [mzjId],
    ))!;
    const lister = await loginCitizen(ctx.app, 'lister');
    const made = {
      department: (await submit(ctx, lister, message(mzjId))).body.id,
      item: (await submit(ctx, lister, message(mzjId, { target: { type: 'item', id: Number(item.id) } }))).body.id,
      window: (await submit(ctx, lister, message(mzjId, { target: { type: 'window', id: Number(win.id) } }))).body.id,
    };
    const expected = { department: '清溪县民政局', item: String(item.name), window: `${win.number} ${win.name}` };
    expect(expected.item).not.toBe('');

    const mine = (await call(ctx, 'GET', '/api/cases/mine', lister)).body.data;
    // The supervisor's inbox of every department, and the department's own: one page with all three rows.
    const all = (await call(ctx, 'GET', `/api/staff/cases?scope=all&department=${mzjId}&state=submitted&pageSize=50`, sup)).body.data;
    const dept = (await call(ctx, 'GET', '/api/staff/cases?state=submitted&pageSize=50', mz)).body.data;
    for (const [type, id] of Object.entries(made) as Array<[keyof typeof expected, number]>) {
      for (const list of [mine, all, dept]) {
        const s = list.find((x: any) => x.id === id);
        expect(s, `${type} case ${id}`).toBeDefined();
        expect(s.target).toEqual({ type, id: expect.any(Number), name: expected[type] });
      }
    }
  });

  it('gives answered and closed cases the first line of the latest reply, and 待评价 until rated', async () => {
    const lister = await loginCitizen(ctx.app, 'excerpt');
    const open = (await submit(ctx, lister, message(mzjId))).body.id;
    const short = (await submit(ctx, lister, message(mzjId))).body.id;
    const long = (await submit(ctx, lister, message(mzjId))).body.id;
    for (const id of [open, short, long]) await act(mz, id, { action: 'accept' });
    await act(mz, short, { action: 'reply', body: '\n  低保可在社区申请。  \n需带身份证和户口簿。' });
    const longLine = '关于您反映的问题，'.repeat(10);
    await act(mz, long, { action: 'reply', body: longLine });

    const list = async () => new Map(((await call(ctx, 'GET', '/api/cases/mine', lister)).body.data as any[]).map((x) => [x.id, x]));
    let m = await list();
    expect(m.get(open)).toMatchObject({ state: 'accepted', replyExcerpt: null, awaitingRating: false });
    expect(m.get(short)).toMatchObject({ state: 'answered', replyExcerpt: '低保可在社区申请。', awaitingRating: true });
    const excerpt = m.get(long).replyExcerpt as string;
    expect([...excerpt]).toHaveLength(60);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(longLine.startsWith(excerpt.slice(0, -1))).toBe(true);
    // The staff inbox shows the same excerpt.
    const inbox = await call(
      ctx,
      'GET',
      `/api/staff/cases?state=all&trackingNo=${(await scalar('SELECT tracking_no FROM cases WHERE id = ?', [short])) as string}`,
      mz,
    );
    expect(inbox.body.data[0]).toMatchObject({ id: short, replyExcerpt: '低保可在社区申请。' });

    // Reopened and answered again: the latest reply; closed and still unrated: still 待评价.
    expect((await call(ctx, 'POST', `/api/cases/${short}/actions`, lister, { action: 'reopen', reason: '材料清单不完整' })).status).toBe(
      200,
    );
    m = await list();
    expect(m.get(short)).toMatchObject({ state: 'in_progress', replyExcerpt: null, awaitingRating: false });
    await act(mz, short, { action: 'reply', body: '补充说明：还需近三个月收入证明。' });
    await act(mz, short, { action: 'close' });
    m = await list();
    expect(m.get(short)).toMatchObject({ state: 'closed', replyExcerpt: '补充说明：还需近三个月收入证明。', awaitingRating: true });
    expect((await call(ctx, 'POST', `/api/cases/${short}/rating`, lister, { level: 4 })).status).toBe(201);
    m = await list();
    expect(m.get(short)).toMatchObject({ awaitingRating: false, replyExcerpt: '补充说明：还需近三个月收入证明。' });
  });
});

describe('figures by channel', () => {
  it('splits received and closed by online / counter / phone, per department and in the totals', async () => {
    const statsBefore = (await getJson(ctx.app, '/api/stats')).body;
    const rsBefore = statsBefore.departments.find((d: any) => d.departmentId === rsjId).byChannel;
    const online = await submit(ctx, citizen, message(rsjId));
    const counter = await record(rs, recording(rsjId, { citizen: { name: '周阿姨', phone: '13300004444' } }));
    await record(mz, recording(rsjId, { channel: 'phone', citizen: { name: '周阿姨', phone: LANDLINE } }));
    await act(rs, counter.body.id, { action: 'accept' });
    await act(rs, counter.body.id, { action: 'reply', body: '已答复，请按通知办理。' });
    await act(rs, counter.body.id, { action: 'close' });
    expect(online.status).toBe(201);

    const stats = (await getJson(ctx.app, '/api/stats')).body;
    const rsj = stats.departments.find((d: any) => d.departmentId === rsjId);
    expect(rsj.byChannel).toEqual({
      online: { received: rsBefore.online.received + 1, closed: rsBefore.online.closed },
      counter: { received: rsBefore.counter.received + 1, closed: rsBefore.counter.closed + 1 },
      phone: { received: rsBefore.phone.received + 1, closed: rsBefore.phone.closed },
    });
    // Channels partition the cases: they add up to received and closed, in each department and in the total.
    for (const d of [...stats.departments, stats.total]) {
      const ch = Object.values(d.byChannel) as Array<{ received: number; closed: number }>;
      expect(ch.reduce((a, c) => a + c.received, 0)).toBe(d.received);
      expect(ch.reduce((a, c) => a + c.closed, 0)).toBe(d.closed);
    }
    for (const channel of ['online', 'counter', 'phone'] as const) {
      const inDb = Number(await scalar('SELECT count(*) FROM cases WHERE channel = ?', [channel]));
      expect(stats.total.byChannel[channel].received).toBe(inDb);
    }
    // The staff figures carry the same split for their department.
    const own = await call(ctx, 'GET', '/api/staff/stats', rs);
    expect(own.body.departments[0].byChannel).toEqual(rsj.byChannel);
    expect(own.body.total.byChannel).toEqual(rsj.byChannel);
  });
});
