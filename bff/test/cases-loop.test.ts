import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, departmentId, message, submit } from './cases-support';

let ctx: TestContext;
let citizen: string;
let mz: string;
let mz2: string;
let rs: string;
let sup: string;
let editor: string;
let mzjId: number;
let rsjId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-11-23T01:00:00.000Z'); // Monday 09:00 in Beijing
  citizen = await loginCitizen(ctx.app, 'li');
  [mz, mz2, rs, sup, editor] = await Promise.all(
    ['mz_staff', 'mz_staff2', 'rs_staff', 'supervisor', 'editor'].map((u) => loginStaff(ctx.app, u)),
  );
  mzjId = await departmentId(ctx, 'mzj');
  rsjId = await departmentId(ctx, 'rsj');
});
afterAll(() => ctx.cleanup());
// Each test starts on Monday 2026-11-23 09:00 Beijing, whatever the last one did to the clock.
afterEach(() => ctx.clock.set('2026-11-23T01:00:00.000Z'));
// Tests move the clock by days; tokens are re-issued (or reused while valid) on the test clock.
beforeEach(async () => {
  citizen = await loginCitizen(ctx.app, 'li');
  [mz, mz2, rs, sup, editor] = await Promise.all(
    ['mz_staff', 'mz_staff2', 'rs_staff', 'supervisor', 'editor'].map((u) => loginStaff(ctx.app, u)),
  );
});

const act = (token: string, id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, token, body);
const newCase = async (over: Record<string, unknown> = {}) => (await submit(ctx, citizen, message(mzjId, over))).body.id as number;

describe('the handling loop', () => {
  it('accept → reply → close, with the citizen seeing public steps only', async () => {
    const id = await newCase();
    const accepted = await act(mz, id, { action: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    expect(accepted.body.owner.name).toBe('李娟');
    expect(accepted.body.availableActions).toEqual(expect.arrayContaining(['reply', 'transfer', 'start']));

    expect((await call(ctx, 'POST', `/api/staff/cases/${id}/notes`, mz, { body: '已电话联系社区核实情况' })).status).toBe(200);
    const replied = await act(mz, id, { action: 'reply', body: '您好，低保申请需提供身份证、户口簿和收入证明，可由社区代办。' });
    expect(replied.body.state).toBe('answered');

    const seen = await call(ctx, 'GET', `/api/cases/${id}`, citizen);
    expect(seen.body.state).toBe('answered');
    expect(seen.body.timeline.map((e: any) => e.action)).toEqual(['submit', 'accept', 'reply']);
    expect(seen.body.timeline[2].body).toContain('社区代办');
    expect(seen.body.timeline[2].actor).toBe('清溪县民政局');
    expect(JSON.stringify(seen.body)).not.toContain('已电话联系社区核实情况');
    expect(JSON.stringify(seen.body)).not.toContain('李娟');
    // Rating is open as soon as the case is answered (一事一评), beside 申请重新办理.
    expect(seen.body.availableActions).toEqual(['reopen', 'rate']);

    const closed = await act(mz, id, { action: 'close' });
    expect(closed.body.state).toBe('closed');
    const staffView = await call(ctx, 'GET', `/api/staff/cases/${id}`, mz);
    expect(staffView.body.timeline.map((e: any) => e.action)).toEqual(['submit', 'accept', 'note', 'reply', 'close']);
  });

  it('refuses an action the state does not allow with 409 naming the transition', async () => {
    const id = await newCase();
    const r = await act(mz, id, { action: 'reply', body: '还没受理就答复' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(r.body.error.details.transition).toBe('submitted→reply');
  });

  it('lets only the owner handle an accepted case (首问负责)', async () => {
    const id = await newCase();
    await act(mz, id, { action: 'accept' });
    const r = await act(mz2, id, { action: 'reply', body: '同事代答' });
    expect(r.status).toBe(403);
    // The colleague still sees the case, but is offered no owner actions.
    const view = await call(ctx, 'GET', `/api/staff/cases/${id}`, mz2);
    expect(view.status).toBe(200);
    expect(view.body.availableActions).not.toContain('reply');
  });

  it('rejects with a reason the citizen sees', async () => {
    const id = await newCase();
    const r = await act(mz, id, { action: 'reject', reason: '该事项属于法院管辖，请向县人民法院反映' });
    expect(r.body.state).toBe('rejected');
    const seen = await call(ctx, 'GET', `/api/cases/${id}`, citizen);
    expect(seen.body.stateLabel).toBe('不予受理');
    expect(seen.body.timeline.at(-1).body).toContain('法院');
    expect((await act(mz, id, { action: 'accept' })).status).toBe(409);
  });

  it('transfers to another department: they see it, the first no longer does', async () => {
    const id = await newCase();
    await act(mz, id, { action: 'accept' });
    const noReason = await act(mz, id, { action: 'transfer', departmentId: rsjId });
    expect(noReason.status).toBe(400);
    const self = await act(mz, id, { action: 'transfer', departmentId: mzjId, reason: '本部门' });
    expect(self.status).toBe(400);
    const moved = await act(mz, id, { action: 'transfer', departmentId: rsjId, reason: '属于社保待遇问题，转人社局办理' });
    // The answer is the server's result, shown to the one who transferred it, with nothing left to do…
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ state: 'transferred', department: { id: rsjId }, owner: null, availableActions: [] });
    // …and from then on the case is out of their reach.
    expect((await call(ctx, 'GET', `/api/staff/cases/${id}`, mz)).status).toBe(404);
    expect((await call(ctx, 'GET', `/api/staff/cases/${id}`, mz2)).status).toBe(404);
    const rsView = await call(ctx, 'GET', `/api/staff/cases/${id}`, rs);
    expect(rsView.body.state).toBe('transferred');
    expect(rsView.body.owner).toBeNull();
    const inbox = await call(ctx, 'GET', '/api/staff/cases', rs);
    expect(inbox.body.data.map((c: any) => c.id)).toContain(id);
    const seen = await call(ctx, 'GET', `/api/cases/${id}`, citizen);
    expect(seen.body.timeline.at(-1)).toMatchObject({ action: 'transfer', data: { toDepartment: '清溪县人力资源和社会保障局' } });
    expect((await act(rs, id, { action: 'accept' })).body.owner.name).toBe('张强');
  });

  it('lets the citizen reopen within the window, and not after', async () => {
    const id = await newCase();
    await act(mz, id, { action: 'accept' });
    await act(mz, id, { action: 'reply', body: '答复内容' });
    const reopened = await call(ctx, 'POST', `/api/cases/${id}/actions`, citizen, { action: 'reopen', reason: '答复没有解决我的问题' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.state).toBe('in_progress');
    await act(mz, id, { action: 'reply', body: '再次答复' });
    await act(mz, id, { action: 'close' });
    ctx.clock.advance(6 * 24 * 3600_000);
    const late = await call(ctx, 'POST', `/api/cases/${id}/actions`, citizen, { action: 'reopen', reason: '还是不满意' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REOPEN_WINDOW_PASSED');
    ctx.clock.set('2026-11-23T01:00:00.000Z');
  });

  it('依申请公开: 补正 pauses and restarts the clock; one extension of at most 20 days', async () => {
    const id = await newCase({ type: '依申请公开', content: '申请公开本县 2025 年城乡低保资金的发放总额和人数。' });
    const start = await call(ctx, 'GET', `/api/staff/cases/${id}`, mz);
    expect(start.body.dueAt).toBe('2026-12-21T15:59:59.999Z'); // 20 working days
    await act(mz, id, { action: 'accept' });
    const paused = await act(mz, id, {
      action: 'request_supplement',
      body: '请补充申请人身份证明复印件，并写明所需信息的具体年度和范围。',
    });
    expect(paused.body.state).toBe('awaiting_supplement');
    expect(paused.body.deadlineStatus).toBe('paused');
    ctx.clock.set('2026-11-30T02:00:00.000Z'); // a week later
    mz = await loginStaff(ctx.app, 'mz_staff');
    citizen = await loginCitizen(ctx.app, 'li');
    const resumed = await call(ctx, 'POST', `/api/cases/${id}/actions`, citizen, {
      action: 'supplement',
      body: '已补充身份证明，所需信息为 2025 年全年。',
    });
    expect(resumed.body.state).toBe('in_progress');
    expect(resumed.body.dueAt).toBe('2026-12-28T15:59:59.999Z'); // 20 working days from the supplement
    expect((await act(mz, id, { action: 'extend', days: 21, reason: '需征求第三方意见' })).status).toBe(400);
    const extended = await act(mz, id, { action: 'extend', days: 10, reason: '需征求第三方意见' });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.dueAt)).toBeGreaterThan(Date.parse(resumed.body.dueAt));
    const twice = await act(mz, id, { action: 'extend', days: 5, reason: '再次延期' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('EXTENSION_USED');
    ctx.clock.set('2026-11-23T01:00:00.000Z');
  });

  it('refuses 补正 and extension for other types', async () => {
    const id = await newCase();
    await act(mz, id, { action: 'accept' });
    const r = await act(mz, id, { action: 'extend', days: 3, reason: '延期' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('TYPE_NOT_ALLOWED');
  });

  it.each([
    [{ action: 'fly' }, 'body.action'],
    [{}, 'body.action'],
    [{ action: 'reply' }, 'body.body'],
    [{ action: 'reply', body: '' }, 'body.body'],
    [{ action: 'transfer', reason: '转办' }, 'body.departmentId'],
    [{ action: 'extend', days: 0, reason: '延期理由' }, 'body.days'],
  ])('validates action bodies: %j → %s', async (body, field) => {
    const id = await newCase();
    const r = await act(mz, id, body);
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain(field);
  });
});

describe('deadlines, the inbox and 督办', () => {
  it('orders the inbox by deadline and flags overdue cases from the data', async () => {
    const consult = await newCase({ type: '咨询' }); // 3 days
    const complaint = await newCase({ type: '投诉' }); // 13 days
    const inbox = await call(ctx, 'GET', '/api/staff/cases?pageSize=50', mz);
    const ids = inbox.body.data.map((c: any) => c.id);
    expect(ids.indexOf(consult)).toBeLessThan(ids.indexOf(complaint));
    const dues = inbox.body.data.map((c: any) => c.dueAt);
    expect([...dues].sort()).toEqual(dues);

    ctx.clock.set('2026-11-27T01:00:00.000Z'); // Friday: the 咨询 (due Thursday) is overdue
    [mz, sup] = await Promise.all([loginStaff(ctx.app, 'mz_staff'), loginStaff(ctx.app, 'supervisor')]);
    citizen = await loginCitizen(ctx.app, 'li');
    const later = await call(ctx, 'GET', '/api/staff/cases?overdue=true&pageSize=50', mz);
    expect(later.body.data.map((c: any) => c.id)).toContain(consult);
    expect(later.body.data.map((c: any) => c.id)).not.toContain(complaint);
    expect(later.body.data.every((c: any) => c.deadlineStatus === 'overdue')).toBe(true);
    expect(later.body.counts.overdue).toBeGreaterThan(0);

    // The supervisor sees overdue cases across departments and chases one.
    const all = await call(ctx, 'GET', '/api/staff/cases?scope=all&overdue=true&pageSize=50', sup);
    expect(all.body.data.map((c: any) => c.id)).toContain(consult);
    const chased = await call(ctx, 'POST', `/api/staff/cases/${consult}/chase`, sup, { body: '已超期，请今日内答复' });
    expect(chased.status).toBe(200);
    expect(chased.body.chaseCount).toBe(1);
    // The handler sees the chase; the citizen does not.
    const handler = await call(ctx, 'GET', `/api/staff/cases/${consult}`, mz);
    expect(handler.body.timeline.at(-1)).toMatchObject({ action: 'chase', body: '已超期，请今日内答复', actor: '陈立新' });
    const seen = await call(ctx, 'GET', `/api/cases/${consult}`, citizen);
    expect(seen.body.timeline.map((e: any) => e.action)).not.toContain('chase');
    expect((await call(ctx, 'POST', `/api/staff/cases/${consult}/chase`, mz, { body: '我催我自己' })).status).toBe(403);
    ctx.clock.set('2026-11-23T01:00:00.000Z');
  });

  it('limits scopes by role', async () => {
    expect((await call(ctx, 'GET', '/api/staff/cases?scope=all', mz)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/cases', editor)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/cases', citizen)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/cases', null)).status).toBe(401);
    expect((await call(ctx, 'GET', '/api/staff/cases?state=nope', mz)).status).toBe(400);
  });

  it('finds a case by tracking number', async () => {
    const r = await submit(ctx, citizen, message(mzjId));
    const found = await call(ctx, 'GET', `/api/staff/cases?trackingNo=${r.body.trackingNo.toLowerCase()}`, mz);
    expect(found.body.data.map((c: any) => c.id)).toEqual([r.body.id]);
  });
});

describe('contact details and the audit trail', () => {
  it('masks phones in lists; reveals them to the owner only, on the record', async () => {
    const id = await newCase();
    const list = await call(ctx, 'GET', '/api/staff/cases?pageSize=50', mz);
    const row = list.body.data.find((c: any) => c.id === id);
    expect(row.contactPhoneMasked).toBe('138****8000');
    expect(JSON.stringify(list.body)).not.toContain('13800138000');
    expect((await call(ctx, 'POST', `/api/staff/cases/${id}/contact`, mz)).status).toBe(403); // accept first
    await act(mz, id, { action: 'accept' });
    expect((await call(ctx, 'POST', `/api/staff/cases/${id}/contact`, mz2)).status).toBe(403);
    const shown = await call(ctx, 'POST', `/api/staff/cases/${id}/contact`, mz);
    expect(shown.body).toEqual({ name: '王秀英', phone: '13800138000' });
    const view = await call(ctx, 'GET', `/api/staff/cases/${id}`, mz);
    const reveal = view.body.timeline.find((e: any) => e.action === 'reveal_contact');
    expect(reveal).toMatchObject({ visibility: 'internal', actor: '李娟' });
    expect(JSON.stringify(view.body)).not.toContain('13800138000');
    // At rest the number is encrypted.
    const raw = await ctx.client.execute({ sql: 'SELECT contact_phone_enc FROM cases WHERE id = ?', args: [id] });
    expect(String(raw.rows[0]!.contact_phone_enc)).not.toContain('13800138000');
    const events = await ctx.client.execute({ sql: 'SELECT data, body FROM case_events WHERE case_id = ?', args: [id] });
    expect(JSON.stringify(events.rows)).not.toContain('13800138000');
  });

  it('records before/after for every change and cannot be edited or deleted', async () => {
    const id = await newCase();
    await act(mz, id, { action: 'accept' });
    const rows = (
      await ctx.client.execute({
        sql: 'SELECT action, from_state, to_state, actor_type, data FROM case_events WHERE case_id = ? ORDER BY id',
        args: [id],
      })
    ).rows;
    expect(rows.map((r) => r.action)).toEqual(['submit', 'accept']);
    const accept = JSON.parse(String(rows[1]!.data));
    expect(accept.before).toMatchObject({ state: 'submitted', ownerId: null });
    expect(accept.after.state).toBe('accepted');
    await expect(ctx.client.execute({ sql: "UPDATE case_events SET body = 'x' WHERE case_id = ?", args: [id] })).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.client.execute({ sql: 'DELETE FROM case_events WHERE case_id = ?', args: [id] })).rejects.toThrow(/append-only/);
    // REPLACE deletes without firing delete triggers: refused too, in both spellings and with a conflict clause, and the event is unchanged.
    const [first] = (await ctx.client.execute({ sql: 'SELECT * FROM case_events WHERE case_id = ? ORDER BY id', args: [id] })).rows;
    const cols = Object.keys(first!);
    const values = cols.map((k) => (k === 'action' ? 'note' : k === 'body' ? '改写' : first![k]));
    const list = cols.map((k) => `"${k}"`).join(', ');
    const marks = cols.map(() => '?').join(', ');
    await expect(
      ctx.client.execute({
        sql: `INSERT INTO case_events (${list}) VALUES (${marks}) ON CONFLICT(id) DO UPDATE SET action = excluded.action, body = excluded.body`,
        args: values as never,
      }),
    ).rejects.toThrow(/append-only/);
    for (const verb of ['INSERT OR REPLACE INTO', 'REPLACE INTO', 'INSERT OR IGNORE INTO'])
      await expect(ctx.client.execute({ sql: `${verb} case_events (${list}) VALUES (${marks})`, args: values as never })).rejects.toThrow(
        /append-only/,
      );
    const again = (await ctx.client.execute({ sql: 'SELECT * FROM case_events WHERE id = ?', args: [first!.id] })).rows[0];
    expect({ ...again }).toEqual({ ...first });
  });
});

describe('who may see what: every endpoint that takes a case id', () => {
  it('refuses another citizen and another department with a 404 that reveals nothing', async () => {
    const id = await newCase();
    const stranger = await loginCitizen(ctx.app, 'stranger');
    const missing = await call(ctx, 'GET', '/api/cases/999999', stranger);
    const probes: Array<[string, string, string, object | undefined]> = [
      [stranger, 'GET', `/api/cases/${id}`, undefined],
      [stranger, 'POST', `/api/cases/${id}/actions`, { action: 'reopen', reason: '别人的诉求' }],
      [rs, 'GET', `/api/staff/cases/${id}`, undefined],
      [rs, 'POST', `/api/staff/cases/${id}/actions`, { action: 'accept' }],
      [rs, 'POST', `/api/staff/cases/${id}/notes`, { body: '偷看' }],
      [rs, 'POST', `/api/staff/cases/${id}/contact`, undefined],
    ];
    for (const [token, method, path, body] of probes) {
      const r = await call(ctx, method, path, token, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error).toEqual(missing.body.error);
    }
    // The case was not touched by any of that.
    const rows = (await ctx.client.execute({ sql: 'SELECT action FROM case_events WHERE case_id = ?', args: [id] })).rows;
    expect(rows.map((r) => r.action)).toEqual(['submit']);
    // Editors do not handle cases at all.
    expect((await call(ctx, 'GET', `/api/staff/cases/${id}`, editor)).status).toBe(403);
  });

  it('lists only the citizen’s own cases', async () => {
    const mine = await call(ctx, 'GET', '/api/cases/mine?pageSize=50', citizen);
    const theirs = await call(ctx, 'GET', '/api/cases/mine', await loginCitizen(ctx.app, 'nobody'));
    expect(mine.body.total).toBeGreaterThan(0);
    expect(theirs.body.total).toBe(0);
    expect(mine.body.data.every((c: any) => c.ownerName === null)).toBe(true);
  });
});
