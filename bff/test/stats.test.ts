import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, departmentId, message, submit } from './cases-support';

/*
 * A small scenario, computed by hand (咨询: 3 working days; dates are Beijing time):
 *
 *   received Mon 12-07 (due end of Thu 12-10), department mzj:
 *     c1  closed Tue 12-08      on time   rated 5
 *     c2  closed Wed 12-09      on time   rated 4
 *     c3  closed Mon 12-14      late      rated 2 → a follow-up
 *     c4  never handled                   overdue now
 *   received Mon 12-07, rsj, 投诉 (13 working days: due 12-24): accepted, open, not overdue
 *   received Tue 12-08 00:30 (16:30Z on 12-07), gaj, 表扬 (5 working days): untouched
 *
 *   now = Mon 12-14 10:00.
 *   mzj: received 4, closed 3 (0.75), on time 2/3, timely replies 2/4 (c4 counts: past due, no reply),
 *        ratings 3, good 2 (2/3), distribution 0/1/0/1/1, follow-ups 1 open (rate 0), overdue now 1.
 */

let ctx: TestContext;
let citizen: string;
let mz: string;
let rs: string;
let sup: string;
let editor: string;
let mzjId: number;
let rsjId: number;
let gajId: number;
const ids: Record<string, number> = {};

const act = (token: string, id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, token, body);
async function at(iso: string) {
  ctx.clock.set(iso);
  citizen = await loginCitizen(ctx.app, 'wang');
  [mz, rs, sup, editor] = await Promise.all(['mz_staff', 'rs_staff', 'supervisor', 'editor'].map((u) => loginStaff(ctx.app, u)));
}
async function replyAndClose(id: number) {
  expect((await act(mz, id, { action: 'reply', body: '您好，您咨询的问题答复如下：可到社区服务站办理。' })).status).toBe(200);
  expect((await act(mz, id, { action: 'close' })).status).toBe(200);
}
async function rate(id: number, level: number) {
  expect((await call(ctx, 'POST', `/api/cases/${id}/rating`, citizen, { level, comment: '评价内容' })).status).toBe(201);
}
const dept = (body: any, id: number) => body.departments.find((d: any) => d.departmentId === id);

beforeAll(async () => {
  ctx = await createTestContext();
  mzjId = await departmentId(ctx, 'mzj');
  rsjId = await departmentId(ctx, 'rsj');
  gajId = await departmentId(ctx, 'gaj');

  await at('2026-12-07T01:00:00.000Z');
  for (const name of ['c1', 'c2', 'c3', 'c4']) {
    const r = await submit(ctx, citizen, message(mzjId, { content: `统计测试 ${name}：请问低保申请需要准备哪些材料？` }));
    expect(r.body.dueAt).toBe('2026-12-10T15:59:59.999Z');
    ids[name] = r.body.id;
  }
  ids.rs = (await submit(ctx, citizen, message(rsjId, { type: '投诉' }))).body.id;
  for (const name of ['c1', 'c2', 'c3']) expect((await act(mz, ids[name]!, { action: 'accept' })).status).toBe(200);
  expect((await act(rs, ids.rs!, { action: 'accept' })).status).toBe(200);

  await at('2026-12-07T16:30:00.000Z'); // 00:30 on Tuesday in Beijing
  ids.gaj = (await submit(ctx, citizen, message(gajId, { type: '表扬', anonymous: true, contact: undefined, consent: false }))).body.id;

  await at('2026-12-08T02:00:00.000Z');
  await replyAndClose(ids.c1!);
  await at('2026-12-09T02:00:00.000Z');
  await replyAndClose(ids.c2!);
  await at('2026-12-14T02:00:00.000Z');
  await replyAndClose(ids.c3!);
  await rate(ids.c1!, 5);
  await rate(ids.c2!, 4);
  await rate(ids.c3!, 2);
});
afterAll(() => ctx.cleanup());

describe('public statistics (GET /api/stats)', () => {
  it('matches the hand-computed scenario, defaulting to this month up to today', async () => {
    const r = await getJson(ctx.app, '/api/stats');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-12-01', to: '2026-12-14', asOf: '2026-12-14T02:00:00.000Z' });
    const mzj = dept(r.body, mzjId);
    expect(mzj).toMatchObject({
      departmentName: '清溪县民政局',
      received: 4,
      rejected: 0,
      closed: 3,
      closedRate: 0.75,
      closedOnTime: 2,
      replyDue: 4,
      timelyReplies: 2,
      timelyReplyRate: 0.5,
      ratings: 3,
      goodRatings: 2,
      ratingDistribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 },
      followUps: 1,
      followUpsDone: 0,
      followUpRate: 0,
      overdueNow: 1,
    });
    expect(mzj.onTimeRate).toBeCloseTo(2 / 3, 10);
    expect(mzj.satisfactionRate).toBeCloseTo(2 / 3, 10);

    // Nothing closed, rated or due yet: the rates with a zero denominator are null, never NaN.
    expect(dept(r.body, rsjId)).toMatchObject({
      received: 1,
      closed: 0,
      closedRate: 0,
      onTimeRate: null,
      replyDue: 0,
      timelyReplyRate: null,
      satisfactionRate: null,
      followUpRate: null,
      overdueNow: 0,
    });
    expect(dept(r.body, gajId)).toMatchObject({ received: 1, closedRate: 0, overdueNow: 0 });
    // Every department is listed, the idle ones with zeros.
    const idle = r.body.departments.filter((d: any) => ![mzjId, rsjId, gajId].includes(d.departmentId));
    expect(idle.length).toBeGreaterThan(0);
    for (const d of idle)
      expect(d).toMatchObject({
        received: 0,
        closedRate: null,
        onTimeRate: null,
        timelyReplyRate: null,
        satisfactionRate: null,
        followUpRate: null,
      });

    expect(r.body.total).toMatchObject({
      received: 6,
      closed: 3,
      closedRate: 0.5,
      closedOnTime: 2,
      replyDue: 4,
      timelyReplies: 2,
      ratings: 3,
      goodRatings: 2,
      followUps: 1,
      overdueNow: 1,
    });
    expect(r.body.total.satisfactionRate).toBeCloseTo(2 / 3, 10);
  });

  it('counts the period in Beijing-local days', async () => {
    const mon = (await getJson(ctx.app, '/api/stats?from=2026-12-07&to=2026-12-07')).body;
    expect(dept(mon, mzjId).received).toBe(4);
    expect(dept(mon, gajId).received).toBe(0); // received 16:30Z on the 7th = 00:30 on the 8th
    const tue = (await getJson(ctx.app, '/api/stats?from=2026-12-08&to=2026-12-08')).body;
    expect(dept(tue, gajId).received).toBe(1);
    expect(dept(tue, mzjId).received).toBe(0);
  });

  it('gives null rates (never NaN) for an empty period; overdue-now still shows', async () => {
    const r = await getJson(ctx.app, '/api/stats?from=2026-11-01&to=2026-11-30');
    expect(r.status).toBe(200);
    for (const d of [...r.body.departments, r.body.total]) {
      expect(d).toMatchObject({
        received: 0,
        closedRate: null,
        onTimeRate: null,
        timelyReplyRate: null,
        satisfactionRate: null,
        followUpRate: null,
      });
    }
    expect(dept(r.body, mzjId).overdueNow).toBe(1);
    expect(JSON.stringify(r.body)).not.toMatch(/NaN|Infinity/);
  });

  it('filters one department', async () => {
    const r = await getJson(ctx.app, `/api/stats?department=${rsjId}`);
    expect(r.body.departments.map((d: any) => d.departmentId)).toEqual([rsjId]);
    expect(r.body.total.received).toBe(1);
    expect((await getJson(ctx.app, '/api/stats?department=99999')).status).toBe(404);
  });

  it('contains aggregates only: no case, name, phone or content', async () => {
    const body = (await getJson(ctx.app, '/api/stats')).body;
    // byChannel names the phone channel ("phone": { received, closed }): counts only, checked apart.
    for (const d of [...body.departments, body.total]) {
      expect(Object.keys(d.byChannel.phone)).toEqual(['received', 'closed']);
      delete d.byChannel;
    }
    const text = JSON.stringify(body);
    for (const personal of [
      '13800138000',
      '138****8000',
      '王秀英',
      '统计测试',
      '低保',
      '评价内容',
      'QX26',
      '"phone"',
      '"contact',
      '"content"',
      '"title"',
      '"trackingNo"',
      'citizen',
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  it.each([
    ['from=2026-12-10&to=2026-12-01', 'query.from'],
    ['from=2026-13-01', 'query.from'],
    ['to=yesterday', 'query.to'],
    ['from=2024-01-01&to=2026-12-01', 'query.from'],
    ['department=abc', 'query.department'],
  ])('refuses %s with 400', async (qs, field) => {
    const r = await getJson(ctx.app, `/api/stats?${qs}`);
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain(field);
  });
});

describe('staff statistics (GET /api/staff/stats)', () => {
  it('scopes staff to their own department, with per-type figures and a daily series', async () => {
    const r = await call(ctx, 'GET', '/api/staff/stats', mz);
    expect(r.status).toBe(200);
    expect(r.body.departments.map((d: any) => d.departmentId)).toEqual([mzjId]);
    expect(r.body.total).toMatchObject({ received: 4, closed: 3, overdueNow: 1 });

    const byType = Object.fromEntries(r.body.byType.map((t: any) => [t.type, t]));
    expect(Object.keys(byType)).toEqual(['投诉', '建议', '咨询', '求助', '举报', '表扬', '依申请公开']);
    expect(byType['咨询']).toMatchObject({
      received: 4,
      closed: 3,
      closedRate: 0.75,
      closedOnTime: 2,
      timelyReplyRate: 0.5,
      overdueNow: 1,
    });
    expect(byType['投诉']).toMatchObject({ received: 0, closedRate: null, onTimeRate: null, timelyReplyRate: null, overdueNow: 0 });

    expect(r.body.daily).toHaveLength(14);
    expect(r.body.daily[0]).toEqual({ date: '2026-12-01', received: 0, closed: 0 });
    const day = (d: string) => r.body.daily.find((x: any) => x.date === d);
    expect(day('2026-12-07')).toEqual({ date: '2026-12-07', received: 4, closed: 0 });
    expect(day('2026-12-08')).toEqual({ date: '2026-12-08', received: 0, closed: 1 });
    expect(day('2026-12-09')).toEqual({ date: '2026-12-09', received: 0, closed: 1 });
    expect(day('2026-12-14')).toEqual({ date: '2026-12-14', received: 0, closed: 1 });

    expect((await call(ctx, 'GET', `/api/staff/stats?department=${mzjId}`, mz)).status).toBe(200);
    expect((await call(ctx, 'GET', `/api/staff/stats?department=${rsjId}`, mz)).status).toBe(403);
    const rsOwn = await call(ctx, 'GET', '/api/staff/stats', rs);
    expect(rsOwn.body.departments.map((d: any) => d.departmentId)).toEqual([rsjId]);
    expect(rsOwn.body.byType.find((t: any) => t.type === '投诉').received).toBe(1);
  });

  it('lets supervisors see every department or pick one', async () => {
    const all = await call(ctx, 'GET', '/api/staff/stats', sup);
    expect(all.status).toBe(200);
    expect(all.body.total.received).toBe(6);
    expect(all.body.daily.find((x: any) => x.date === '2026-12-07').received).toBe(5);
    expect(all.body.daily.find((x: any) => x.date === '2026-12-08').received).toBe(1);
    expect(all.body.daily.reduce((s: number, d: any) => s + d.received, 0)).toBe(6);
    const one = await call(ctx, 'GET', `/api/staff/stats?department=${gajId}`, sup);
    expect(one.body.departments.map((d: any) => d.departmentId)).toEqual([gajId]);
    expect(one.body.byType.find((t: any) => t.type === '表扬').received).toBe(1);
  });

  it('refuses editors, citizens and anonymous callers', async () => {
    expect((await call(ctx, 'GET', '/api/staff/stats', editor)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/stats', citizen)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/stats', null)).status).toBe(401);
  });

  it('counts a recorded follow-up in the follow-up rate', async () => {
    const list = await call(ctx, 'GET', '/api/staff/follow-ups?status=open', mz);
    const f = list.body.data.find((x: any) => x.case?.id === ids.c3);
    expect(
      (
        await call(ctx, 'POST', `/api/staff/follow-ups/${f.id}`, mz, {
          outcome: 'reached',
          attempts: 1,
          citizenView: '群众表示理解',
          rectified: true,
          result: '已电话回访，群众表示理解。',
        })
      ).status,
    ).toBe(200);
    const mzj = dept((await getJson(ctx.app, '/api/stats')).body, mzjId);
    expect(mzj).toMatchObject({ followUps: 1, followUpsDone: 1, followUpRate: 1 });
  });
});

describe('at scale', () => {
  it('counts a year and a month right over 100,000 cases', async () => {
    const citizenId = Number((await ctx.client.execute("SELECT id FROM citizens WHERE openid = 'dev:wang'")).rows[0]!.id);
    // 100,000 cases spread over 2025, every department, all states, in one statement.
    await ctx.client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000),
            d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM departments),
            dc AS (SELECT count(*) AS c FROM departments)
            INSERT INTO cases (tracking_no, query_code_hash, type, state, title, content, target_type, target_id, department_id, citizen_id,
                               anonymous, received_at, due_at, first_reply_at, closed_at, updated_at)
            SELECT 'BENCH' || i, 'x',
                   CASE i % 7 WHEN 0 THEN '投诉' WHEN 1 THEN '建议' WHEN 2 THEN '咨询' WHEN 3 THEN '求助' WHEN 4 THEN '举报' WHEN 5 THEN '表扬' ELSE '依申请公开' END,
                   CASE i % 5 WHEN 0 THEN 'submitted' WHEN 1 THEN 'in_progress' ELSE 'closed' END,
                   '标题', '内容', 'department', d.id, d.id, ?, 0,
                   strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 5) || ' minutes'),
                   strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 5 + 4320) || ' minutes'),
                   CASE WHEN i % 5 >= 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 5 + 60 * (i % 90)) || ' minutes') END,
                   CASE WHEN i % 5 >= 2 THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 5 + 60 * (i % 100)) || ' minutes') END,
                   '2025-01-01T00:00:00.000Z'
            FROM n, dc JOIN d ON d.k = n.i % dc.c`,
      args: [citizenId],
    });
    expect((await ctx.client.execute("SELECT count(*) n FROM cases WHERE tracking_no LIKE 'BENCH%'")).rows[0]!.n).toBe(100000);

    const pub = await getJson(ctx.app, '/api/stats?from=2025-01-01&to=2025-12-31');
    expect(pub.status).toBe(200);
    expect(pub.body.total.received).toBe(100000);
    expect(pub.body.total.closed).toBe(60000);

    const staff = await call(ctx, 'GET', '/api/staff/stats?from=2025-01-01&to=2025-12-31', sup);
    expect(staff.status).toBe(200);
    expect(staff.body.daily).toHaveLength(365);
    expect(staff.body.daily.reduce((s: number, d: any) => s + d.received, 0)).toBe(100000);

    const month = await call(ctx, 'GET', `/api/staff/stats?from=2025-03-01&to=2025-03-31`, mz);
    expect(month.status).toBe(200);

    expect(month.body.daily).toHaveLength(31);
    // How fast is a figure for `pnpm bench` (BENCHMARKS.md, "Staff inbox and figures"), not for a timed
    // test that a busy machine would fail: here the year and the month are only shown to be right at scale.
  }, 60_000);
});
