import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, departmentId, message, submit } from './cases-support';

let ctx: TestContext;
let admin: string;
let citizen: string;
let mzjId: number;

async function at(iso: string) {
  ctx.clock.set(iso);
  admin = await loginStaff(ctx.app, 'admin');
  citizen = await loginCitizen(ctx.app, 'wang');
}
const dueOfNew = async (over: Record<string, unknown> = {}) => {
  const r = await submit(ctx, citizen, message(mzjId, over));
  expect(r.status).toBe(201);
  return r.body as { id: number; dueAt: string };
};
/** Every admin setting with its default, as GET /api/admin/settings answers on a fresh database. */
const DEFAULTS = {
  reopenWindowDays: 5,
  followUpDays: 15,
  staleAfterDays: 90,
  autoCloseAnswered: 1,
  ratingInviteDays: 3,
  followUpMinTries: 3,
  reopenDeadline: 1,
};
const rulePath = (type: string) => `/api/admin/deadline-rules/${encodeURIComponent(type)}`;

beforeAll(async () => {
  ctx = await createTestContext();
  mzjId = await departmentId(ctx, 'mzj');
  await at('2026-11-23T01:00:00.000Z'); // Monday 09:00 in Beijing
});
afterAll(() => ctx.cleanup());

describe('who may administer', () => {
  it.each([
    ['GET', '/api/admin/calendar'],
    ['PUT', '/api/admin/calendar/2026-11-24'],
    ['DELETE', '/api/admin/calendar/2026-11-24'],
    ['GET', '/api/admin/deadline-rules'],
    ['PUT', rulePath('咨询')],
    ['GET', '/api/admin/settings'],
    ['PUT', '/api/admin/settings/followUpDays'],
    ['PUT', '/api/admin/settings/autoCloseAnswered'],
    ['PUT', '/api/admin/settings/ratingInviteDays'],
    ['PUT', '/api/admin/settings/followUpMinTries'],
    ['PUT', '/api/admin/settings/reopenDeadline'],
  ])('%s %s: admins only (403 for other roles and citizens, 401 without a token)', async (method, path) => {
    const body = method === 'PUT' ? { kind: 'holiday', name: '测试', days: 5, unit: 'working', value: 1 } : undefined;
    for (const user of ['mz_staff', 'supervisor', 'editor']) {
      const r = await call(ctx, method, path, await loginStaff(ctx.app, user), body);
      expect(r.status, user).toBe(403);
    }
    expect((await call(ctx, method, path, citizen, body)).status).toBe(403);
    expect((await call(ctx, method, path, null, body)).status).toBe(401);
  });
});

describe('the working calendar', () => {
  it("lists a year's holidays and 调休 working days in date order", async () => {
    const r = await call(ctx, 'GET', '/api/admin/calendar?year=2026', admin);
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2026);
    const dates = r.body.data.map((d: any) => d.date);
    expect(dates.length).toBeGreaterThan(10);
    expect(dates.every((d: string) => d.startsWith('2026-'))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(r.body.data.find((d: any) => d.date === '2026-01-01')).toMatchObject({ kind: 'holiday', source: 'chinese-days' });
    expect(r.body.data.some((d: any) => d.kind === 'workday')).toBe(true);
    // Defaults to this year (Beijing time).
    expect((await call(ctx, 'GET', '/api/admin/calendar', admin)).body.year).toBe(2026);
    expect((await call(ctx, 'GET', '/api/admin/calendar?year=1999', admin)).status).toBe(400);
  });

  it('moves the next deadline when a holiday is added, and leaves existing cases alone', async () => {
    const before = await dueOfNew();
    expect(before.dueAt).toBe('2026-11-26T15:59:59.999Z'); // 咨询: Tue, Wed, Thu

    const put = await call(ctx, 'PUT', '/api/admin/calendar/2026-11-24', admin, { kind: 'holiday', name: ' 临时放假 ' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ date: '2026-11-24', kind: 'holiday', name: '临时放假', source: 'admin' });

    const after = await dueOfNew();
    expect(after.dueAt).toBe('2026-11-27T15:59:59.999Z'); // Wed, Thu, Fri
    // New deadlines only: the case received before the change keeps the deadline it was given.
    expect((await call(ctx, 'GET', `/api/cases/${before.id}`, citizen)).body.dueAt).toBe('2026-11-26T15:59:59.999Z');

    const listed = await call(ctx, 'GET', '/api/admin/calendar?year=2026', admin);
    expect(listed.body.data.find((d: any) => d.date === '2026-11-24')).toMatchObject({ kind: 'holiday', source: 'admin' });

    expect((await call(ctx, 'DELETE', '/api/admin/calendar/2026-11-24', admin)).status).toBe(204);
    expect((await dueOfNew()).dueAt).toBe('2026-11-26T15:59:59.999Z');
    const again = await call(ctx, 'DELETE', '/api/admin/calendar/2026-11-24', admin);
    expect(again.status).toBe(404);
  });

  it('counts a 调休 Saturday as a working day, and overrides an official entry', async () => {
    await at('2026-11-26T01:00:00.000Z'); // Thursday
    expect((await dueOfNew()).dueAt).toBe('2026-12-01T15:59:59.999Z'); // Fri, Mon, Tue
    expect((await call(ctx, 'PUT', '/api/admin/calendar/2026-11-28', admin, { kind: 'workday', name: '调休上班' })).status).toBe(200);
    expect((await dueOfNew()).dueAt).toBe('2026-11-30T15:59:59.999Z'); // Fri, Sat, Mon
    expect((await call(ctx, 'DELETE', '/api/admin/calendar/2026-11-28', admin)).status).toBe(204);

    // An official holiday turned into a working day keeps the admin's word (source admin).
    const r = await call(ctx, 'PUT', '/api/admin/calendar/2026-01-01', admin, { kind: 'workday', name: '元旦改上班（测试）' });
    expect(r.body).toMatchObject({ kind: 'workday', source: 'admin' });
    await call(ctx, 'PUT', '/api/admin/calendar/2026-01-01', admin, { kind: 'holiday', name: '元旦' });
  });

  it.each([
    ['/api/admin/calendar/2026-02-30', { kind: 'holiday', name: '假' }, 'path.date'],
    ['/api/admin/calendar/20261124', { kind: 'holiday', name: '假' }, 'path.date'],
    ['/api/admin/calendar/2026-11-24', { kind: 'vacation', name: '假' }, 'body.kind'],
    ['/api/admin/calendar/2026-11-24', { kind: 'holiday' }, 'body.name'],
    ['/api/admin/calendar/2026-11-24', { kind: 'holiday', name: '   ' }, 'body.name'],
  ])('refuses PUT %s %j with 400 naming %s', async (path, body, field) => {
    const r = await call(ctx, 'PUT', path, admin, body);
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain(field);
  });
});

describe('time limits and settings', () => {
  it('lists a rule for every type and changes one for new cases only', async () => {
    await at('2026-11-30T01:00:00.000Z'); // Monday
    const list = await call(ctx, 'GET', '/api/admin/deadline-rules', admin);
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: any) => r.type)).toEqual(['投诉', '建议', '咨询', '求助', '举报', '表扬', '依申请公开']);
    expect(list.body.data.find((r: any) => r.type === '咨询')).toMatchObject({ days: 3, unit: 'working' });

    const before = await dueOfNew();
    expect(before.dueAt).toBe('2026-12-03T15:59:59.999Z');
    const put = await call(ctx, 'PUT', rulePath('咨询'), admin, { days: 5, unit: 'working' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ type: '咨询', days: 5, unit: 'working' });
    expect((await dueOfNew()).dueAt).toBe('2026-12-07T15:59:59.999Z'); // 5 working days: Tue … Mon
    // Natural days: 10 days after Monday 11-30 is Thursday 12-10.
    await call(ctx, 'PUT', rulePath('咨询'), admin, { days: 10, unit: 'natural' });
    expect((await dueOfNew()).dueAt).toBe('2026-12-10T15:59:59.999Z');
    expect((await call(ctx, 'GET', `/api/cases/${before.id}`, citizen)).body.dueAt).toBe('2026-12-03T15:59:59.999Z');
    await call(ctx, 'PUT', rulePath('咨询'), admin, { days: 3, unit: 'working' });
  });

  it.each([
    [rulePath('咨询'), { days: 0, unit: 'working' }, 'body.days'],
    [rulePath('咨询'), { days: 400, unit: 'working' }, 'body.days'],
    [rulePath('咨询'), { days: 5, unit: 'weeks' }, 'body.unit'],
    [rulePath('闲聊'), { days: 5, unit: 'working' }, 'path.type'],
    ['/api/admin/settings/followUpDays', { value: 0 }, 'body.value'],
    ['/api/admin/settings/followUpDays', { value: 31 }, 'body.value'],
    ['/api/admin/settings/reopenWindowDays', { value: -1 }, 'body.value'],
    ['/api/admin/settings/reopenWindowDays', { value: 'x' }, 'body.value'],
    ['/api/admin/settings/somethingElse', { value: 5 }, 'path.key'],
    ['/api/admin/settings/autoCloseAnswered', { value: true }, 'body.value'],
  ])('refuses PUT %s %j with 400 naming %s', async (path, body, field) => {
    const r = await call(ctx, 'PUT', path, admin, body);
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain(field);
  });

  it('changes the follow-up deadline for the next bad rating', async () => {
    await at('2026-11-30T01:00:00.000Z'); // Monday
    expect((await call(ctx, 'GET', '/api/admin/settings', admin)).body).toEqual(DEFAULTS);
    const put = await call(ctx, 'PUT', '/api/admin/settings/followUpDays', admin, { value: 5 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...DEFAULTS, followUpDays: 5 });

    const windowId = Number(
      (await ctx.client.execute({ sql: 'SELECT id FROM service_windows WHERE department_id = ? LIMIT 1', args: [mzjId] })).rows[0]!.id,
    );
    const rating = await call(ctx, 'POST', `/api/windows/${windowId}/ratings`, citizen, { level: 1 });
    expect(rating.status).toBe(201);
    const due = (await ctx.client.execute({ sql: 'SELECT due_at FROM follow_ups WHERE rating_id = ?', args: [rating.body.id] })).rows[0]!
      .due_at;
    expect(due).toBe('2026-12-07T15:59:59.999Z'); // 5 working days after Monday 11-30

    expect((await call(ctx, 'PUT', '/api/admin/settings/reopenWindowDays', admin, { value: 7 })).body.reopenWindowDays).toBe(7);
  });
});

describe('closed-loop settings (auto-close, rating invite, 回访 tries, reopen deadline)', () => {
  const put = (key: string, value: unknown) => call(ctx, 'PUT', `/api/admin/settings/${key}`, admin, { value });

  it.each([
    ['autoCloseAnswered', 0],
    ['autoCloseAnswered', 1],
    ['ratingInviteDays', 1],
    ['ratingInviteDays', 30],
    ['followUpMinTries', 1],
    ['followUpMinTries', 10],
    ['reopenDeadline', 0],
    ['reopenDeadline', 1],
  ])('an admin sets %s to %d, and GET answers it', async (key, value) => {
    const before = (await call(ctx, 'GET', '/api/admin/settings', admin)).body;
    const r = await put(key, value);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...before, [key]: value });
    expect((await call(ctx, 'GET', '/api/admin/settings', admin)).body[key]).toBe(value);
    await put(key, DEFAULTS[key as keyof typeof DEFAULTS]);
  });

  it.each([
    ['autoCloseAnswered', 2, '答复后到期自动办结（1 开启，0 关闭）只能填 1 或 0'],
    ['autoCloseAnswered', -1, '答复后到期自动办结（1 开启，0 关闭）只能填 1 或 0'],
    ['ratingInviteDays', 0, '答复后未评价多少天邀请评价（自然日）应在 1 到 30 之间'],
    ['ratingInviteDays', 31, '答复后未评价多少天邀请评价（自然日）应在 1 到 30 之间'],
    ['followUpMinTries', 0, '回访记为无法联系前至少拨打次数应在 1 到 10 之间'],
    ['followUpMinTries', 11, '回访记为无法联系前至少拨打次数应在 1 到 10 之间'],
    ['reopenDeadline', 2, '重新办理的办理期限（1 重新计算，0 沿用原期限）只能填 1 或 0'],
  ])('refuses %s = %d with 400 {error:{code,message}} in Chinese, and keeps the value', async (key, value, message) => {
    const before = (await call(ctx, 'GET', '/api/admin/settings', admin)).body[key];
    const r = await put(key, value);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(typeof r.body.error.message).toBe('string');
    expect(r.body.error.details.issues).toEqual([{ field: 'body.value', message }]);
    expect((await call(ctx, 'GET', '/api/admin/settings', admin)).body[key]).toBe(before);
  });

  it('a reopened case gets the full time limit again by default (1), or keeps its original dueAt (0)', async () => {
    const reopenedDue = async () => {
      await at('2026-12-07T01:00:00.000Z'); // Monday 09:00
      const staff = await loginStaff(ctx.app, 'mz_staff');
      const { id, dueAt } = await dueOfNew();
      expect(dueAt).toBe('2026-12-10T15:59:59.999Z'); // 咨询: Tue, Wed, Thu
      expect((await call(ctx, 'POST', `/api/staff/cases/${id}/actions`, staff, { action: 'accept' })).status).toBe(200);
      expect((await call(ctx, 'POST', `/api/staff/cases/${id}/actions`, staff, { action: 'reply', body: '已答复。' })).status).toBe(200);
      await at('2026-12-09T01:00:00.000Z'); // Wednesday
      const r = await call(ctx, 'POST', `/api/cases/${id}/actions`, citizen, { action: 'reopen', reason: '答复没有解决我的问题' });
      expect(r.status).toBe(200);
      expect(r.body.state).toBe('in_progress');
      const event = (
        await ctx.client.execute({ sql: "SELECT data FROM case_events WHERE case_id = ? AND action = 'reopen'", args: [id] })
      ).rows.map((row) => JSON.parse(String(row.data)))[0];
      return { dueAt: r.body.dueAt as string, after: event.after as Record<string, unknown> };
    };

    expect((await call(ctx, 'GET', '/api/admin/settings', admin)).body.reopenDeadline).toBe(1);
    const full = await reopenedDue();
    expect(full.dueAt).toBe('2026-12-14T15:59:59.999Z'); // 3 working days from Wednesday: Thu, Fri, Mon
    expect(full.after.dueAt).toBe('2026-12-14T15:59:59.999Z');

    expect((await put('reopenDeadline', 0)).status).toBe(200);
    try {
      const keep = await reopenedDue();
      expect(keep.dueAt).toBe('2026-12-10T15:59:59.999Z');
      expect(keep.after).not.toHaveProperty('dueAt'); // the audit trail records no deadline change
    } finally {
      await put('reopenDeadline', 1);
    }
    expect((await reopenedDue()).dueAt).toBe('2026-12-14T15:59:59.999Z');
  });
});
