import { pagePaths } from '@zw/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, departmentId, message, submit } from './cases-support';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';

/*
 * What the staff pages of the mini-program need beyond the handling loop
 * (cases-loop.test.ts): the numbers on the inbox tabs, the 临期 filter, a search
 * over every state, the answer to a transfer, and the new-case notification.
 *
 * Clock: Monday 2026-11-23 09:00 Beijing. 咨询 (3 working days) is due at the end
 * of Thursday 11-26; 投诉 (13) on 12-10.
 */
const MONDAY = '2026-11-23T01:00:00.000Z';
const WEDNESDAY = '2026-11-25T01:00:00.000Z'; // the 咨询 is due by the end of the next working day
const FRIDAY = '2026-11-27T01:00:00.000Z'; // the 咨询 is overdue

let ctx: TestContext;
let mzjId: number;
let rsjId: number;
let citizen: string;
let mz: string;
let mz2: string;
let rs: string;
let sup: string;
let editor: string;

async function tokensAt(iso: string) {
  ctx.clock.set(iso);
  citizen = await loginCitizen(ctx.app, 'zhao');
  [mz, mz2, rs, sup, editor] = await Promise.all(
    ['mz_staff', 'mz_staff2', 'rs_staff', 'supervisor', 'editor'].map((u) => loginStaff(ctx.app, u)),
  );
}
const act = (token: string, id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, token, body);
const newCase = async (deptId: number, over: Record<string, unknown> = {}) =>
  (await submit(ctx, citizen, message(deptId, over))).body.id as number;
const ids = (r: { body: any }) => r.body.data.map((c: any) => c.id) as number[];

beforeAll(async () => {
  // A 新待办 template and long-term consent (政务民生): staff who bound WeChat and accepted it once get every notice.
  ctx = await createTestContext({
    config: (c) => ({ ...c, wechat: { ...c.wechat, templates: { ...c.wechat.templates, todo: 'TPL-TODO' }, longTermSubscriptions: true } }),
  });
  mzjId = await departmentId(ctx, 'mzj');
  rsjId = await departmentId(ctx, 'rsj');
});
afterAll(() => ctx.cleanup());
beforeEach(async () => {
  await ctx.client.execute('DELETE FROM outbox');
  await ctx.client.execute('UPDATE staff_users SET wx_openid = NULL');
  await tokensAt(MONDAY);
});

describe('GET /api/staff/inbox-counts', () => {
  it('counts each tab the way the inbox lists it, as the clock moves', async () => {
    const before = (await call(ctx, 'GET', '/api/staff/inbox-counts', mz)).body;
    const consult = await newCase(mzjId, { type: '咨询' });
    const complaint = await newCase(mzjId, { type: '投诉' });
    expect((await act(mz, complaint, { action: 'accept' })).status).toBe(200);

    const monday = await call(ctx, 'GET', '/api/staff/inbox-counts', mz);
    expect(monday.status).toBe(200);
    expect(monday.body.all).toBeNull();
    expect(monday.body.department.open).toBe(before.department.open + 2);
    expect(monday.body.mine.open).toBe(before.mine.open + 1);
    // The numbers agree with the lists they label.
    const deptList = await call(ctx, 'GET', '/api/staff/cases?scope=department&pageSize=50', mz);
    const mineList = await call(ctx, 'GET', '/api/staff/cases?scope=mine&pageSize=50', mz);
    expect(deptList.body.total).toBe(monday.body.department.open);
    expect(deptList.body.counts).toEqual(monday.body.department);
    expect(mineList.body.total).toBe(monday.body.mine.open);
    expect(ids(mineList)).toContain(complaint);
    expect(ids(mineList)).not.toContain(consult);
    // A colleague shares the department tab, not the owner's.
    const colleague = (await call(ctx, 'GET', '/api/staff/inbox-counts', mz2)).body;
    expect(colleague.department).toEqual(monday.body.department);
    expect(colleague.mine.open).toBe(0);

    await tokensAt(WEDNESDAY);
    const wed = (await call(ctx, 'GET', '/api/staff/inbox-counts', mz)).body;
    expect(wed.department.dueSoon).toBeGreaterThanOrEqual(1);
    const soon = await call(ctx, 'GET', '/api/staff/cases?dueSoon=true&pageSize=50', mz);
    expect(ids(soon)).toContain(consult);
    expect(ids(soon)).not.toContain(complaint);
    expect(soon.body.data.every((c: any) => c.deadlineStatus === 'due_soon')).toBe(true);
    expect(soon.body.total).toBe(wed.department.dueSoon);

    await tokensAt(FRIDAY);
    const fri = (await call(ctx, 'GET', '/api/staff/inbox-counts', mz)).body;
    expect(fri.department.overdue).toBeGreaterThanOrEqual(1);
    const late = await call(ctx, 'GET', '/api/staff/cases?overdue=true&pageSize=50', mz);
    expect(late.body.total).toBe(fri.department.overdue);
    expect(ids(await call(ctx, 'GET', '/api/staff/cases?dueSoon=true&pageSize=50', mz))).not.toContain(consult);

    // Supervisors: every department, and no department tab of their own.
    const s = (await call(ctx, 'GET', '/api/staff/inbox-counts', sup)).body;
    expect(s.department).toBeNull();
    expect(s.all.open).toBeGreaterThanOrEqual(fri.department.open);
    expect(s.all.overdue).toBeGreaterThanOrEqual(fri.department.overdue);
  });

  it('refuses editors, citizens and anonymous callers', async () => {
    expect((await call(ctx, 'GET', '/api/staff/inbox-counts', editor)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/inbox-counts', citizen)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/inbox-counts', null)).status).toBe(401);
  });
});

describe('GET /api/staff/cases', () => {
  it('finds a case in any state with state=all (a search by tracking number), within the caller’s scope only', async () => {
    const r = await submit(ctx, citizen, message(mzjId));
    const id = r.body.id as number;
    await act(mz, id, { action: 'accept' });
    await act(mz, id, { action: 'reply', body: '您好，已答复。' });
    await act(mz, id, { action: 'close' });
    const open = await call(ctx, 'GET', `/api/staff/cases?trackingNo=${r.body.trackingNo}`, mz);
    expect(open.body.data).toEqual([]);
    const any = await call(ctx, 'GET', `/api/staff/cases?state=all&trackingNo=${r.body.trackingNo}`, mz);
    expect(ids(any)).toEqual([id]);
    expect(any.body.data[0].state).toBe('closed');
    // Another department's staff find nothing, whatever the state.
    const other = await call(ctx, 'GET', `/api/staff/cases?state=all&trackingNo=${r.body.trackingNo}`, rs);
    expect(other.body.data).toEqual([]);
    expect((await call(ctx, 'GET', '/api/staff/cases?dueSoon=maybe', mz)).status).toBe(400);
    expect((await call(ctx, 'GET', '/api/staff/cases?state=everything', mz)).status).toBe(400);
  });
});

describe('POST /api/staff/cases/{id}/actions', () => {
  it('answers a transfer with the transferred case, not a 404 that would look like a failure', async () => {
    const id = await newCase(mzjId);
    const moved = await act(mz, id, { action: 'transfer', departmentId: rsjId, reason: '属于社保待遇问题，转人社局办理' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id,
      state: 'transferred',
      department: { id: rsjId, name: '清溪县人力资源和社会保障局' },
      availableActions: [],
    });
    expect(moved.body.timeline.at(-1)).toMatchObject({ action: 'transfer', body: '属于社保待遇问题，转人社局办理' });
    // A second try is refused like any case they cannot see.
    expect((await act(mz, id, { action: 'accept' })).status).toBe(404);
  });
});

describe('new-case notifications through the outbox', () => {
  async function pending() {
    const rows = (await ctx.client.execute("SELECT kind, recipient, payload FROM outbox WHERE status = 'pending' ORDER BY id")).rows;
    return rows.map((r) => ({ kind: r.kind, recipient: r.recipient, payload: JSON.parse(String(r.payload)) }));
  }

  it('tells the department’s staff who bound WeChat, opening the staff case page; and the new department on a transfer', async () => {
    await ctx.client.execute("UPDATE staff_users SET wx_openid = 'oStaffMz_0001' WHERE username = 'mz_staff'");
    await ctx.client.execute("UPDATE staff_users SET wx_openid = 'oStaffRs_0001' WHERE username = 'rs_staff'");
    for (const u of ['mz_staff', 'rs_staff']) {
      const token = await loginStaff(ctx.app, u);
      const r = await ctx.app.request('/api/staff/reminders', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ results: { 'TPL-TODO': 'accept' } }),
      });
      expect(r.status).toBe(200);
    }
    const r = await submit(ctx, citizen, message(mzjId, { type: '求助' }));
    expect(r.status).toBe(201);
    const first = await pending();
    // mz_staff2 has not bound WeChat (their notice is a skipped row, not pending); rs_staff is in another department.
    expect(first).toEqual([
      {
        kind: 'case_assigned',
        recipient: 'oStaffMz_0001',
        payload: {
          caseId: r.body.id,
          trackingNo: r.body.trackingNo,
          type: '求助',
          departmentName: '清溪县民政局',
          dueAt: r.body.dueAt,
          page: `${pagePaths.staffCase}?id=${r.body.id}`,
        },
      },
    ]);
    expect(pagePaths.staffCase).toBe('/packages/staff/case/index');

    expect((await act(mz, r.body.id, { action: 'transfer', departmentId: rsjId, reason: '属于人社局职责' })).status).toBe(200);
    const after = await pending();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({
      kind: 'case_assigned',
      recipient: 'oStaffRs_0001',
      payload: { caseId: r.body.id, departmentName: '清溪县人力资源和社会保障局' },
    });
  });

  it('a list masks phone and ID numbers typed into a title; the case itself keeps them for its handler', async () => {
    const citizen = await loginCitizen(ctx.app, 'title-numbers');
    const r = await submit(ctx, citizen, {
      ...message(await departmentId(ctx, 'mzj')),
      title: '补办证件 身份证11010519491231002X 电话13812345678',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const mz = await loginStaff(ctx.app, 'mz_staff');
    const list = await call(ctx, 'GET', `/api/staff/cases?scope=department&state=all&pageSize=50&trackingNo=${r.body.trackingNo}`, mz);
    const row = list.body.data.find((c: { id: number }) => c.id === r.body.id);
    expect(row.title).toBe('补办证件 身份证110105********002X 电话138****5678');
    const mine = await call(ctx, 'GET', '/api/cases/mine', citizen);
    expect(mine.body.data[0].title).toContain('138****5678');
    expect((await call(ctx, 'GET', `/api/cases/${r.body.id}`, citizen)).body.title).toContain('13812345678');
  });
});
