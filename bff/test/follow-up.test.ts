import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, departmentId, message, submit } from './cases-support';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';

/*
 * 回访 that can be done: assigned to a supervisor or staff of the department,
 * the contact revealed to whoever must call (on the audit trail, never the
 * number), the outcome recorded once with its public part on the citizen's case.
 *
 * Clock: Monday 2026-11-23 09:00 Beijing.
 */
const MONDAY = '2026-11-23T01:00:00.000Z';
const PHONE = '13800138000';

let ctx: TestContext;
let mzjId: number;
let citizen: string;
let mz: string;
let mz2: string;
let rs: string;
let sup: string;
let editor: string;
let admin: string;
const staffIds: Record<string, number> = {};

async function scalar(sql: string, args: Array<string | number> = []) {
  return (await ctx.client.execute({ sql, args })).rows[0]?.[0];
}
const act = (token: string, id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, token, body);
const reveal = (token: string | null, id: number) => call(ctx, 'POST', `/api/staff/follow-ups/${id}/contact`, token);
const assign = (token: string, id: number, staffId: unknown) => call(ctx, 'POST', `/api/staff/follow-ups/${id}/assign`, token, { staffId });
const recordResult = (token: string, id: number, body: unknown) => call(ctx, 'POST', `/api/staff/follow-ups/${id}`, token, body);
const reached = (over: Record<string, unknown> = {}) => ({
  outcome: 'reached',
  attempts: 1,
  citizenView: '群众对重新答复表示满意',
  rectified: true,
  publicNote: '已电话回访，已按您的意见改进答复，感谢监督。',
  result: '内部记录：承办人答复过简，已约谈并要求重新答复。',
  ...over,
});

/** A case of 民政局 answered by mz_staff (its owner) and rated 非常不满意: its 回访 is open. */
async function badlyRated(): Promise<{ caseId: number; followUpId: number }> {
  const c = await submit(ctx, citizen, message(mzjId));
  const caseId = c.body.id as number;
  await act(mz, caseId, { action: 'accept' });
  await act(mz, caseId, { action: 'reply', body: '已答复。' });
  const r = await call(ctx, 'POST', `/api/cases/${caseId}/rating`, citizen, { level: 1, comment: '答复敷衍' });
  expect(r.status).toBe(201);
  const followUpId = Number(await scalar('SELECT id FROM follow_ups WHERE rating_id = ?', [r.body.id]));
  return { caseId, followUpId };
}

async function revealEvents(caseId: number) {
  return (
    await ctx.client.execute({
      sql: "SELECT actor_id, visibility, body, data FROM case_events WHERE case_id = ? AND action = 'reveal_contact' ORDER BY id",
      args: [caseId],
    })
  ).rows.map((r) => ({
    actorId: Number(r.actor_id),
    visibility: r.visibility,
    body: r.body,
    raw: String(r.data),
    data: JSON.parse(String(r.data)),
  }));
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(MONDAY);
  mzjId = await departmentId(ctx, 'mzj');
  for (const r of (await ctx.client.execute('SELECT id, username FROM staff_users')).rows) staffIds[String(r.username)] = Number(r.id);
});
afterAll(() => ctx.cleanup());
async function tokensAt(iso: string) {
  ctx.clock.set(iso);
  [mz, mz2, rs, sup, editor, admin] = await Promise.all(
    ['mz_staff', 'mz_staff2', 'rs_staff', 'supervisor', 'editor', 'admin'].map((u) => loginStaff(ctx.app, u)),
  );
}
let citizens = 0;
beforeEach(async () => {
  await tokensAt(MONDAY);
  // A citizen per test: the hourly submission limit is per citizen.
  citizen = await loginCitizen(ctx.app, `wang-${++citizens}`);
});

describe('revealing the contact for a 回访', () => {
  it('lets a supervisor and (unassigned) staff of the department reveal it, each on the audit trail without the number', async () => {
    const { caseId, followUpId } = await badlyRated();
    const bySup = await reveal(sup, followUpId);
    expect(bySup.status).toBe(200);
    expect(bySup.body).toEqual({ name: '王秀英', phone: PHONE });
    const byColleague = await reveal(mz2, followUpId);
    expect(byColleague.status).toBe(200);
    expect(byColleague.body.phone).toBe(PHONE);

    const events = await revealEvents(caseId);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.actorId)).toEqual([staffIds.supervisor, staffIds.mz_staff2]);
    for (const e of events) {
      expect(e).toMatchObject({ visibility: 'internal', body: null, data: { followUpId, field: 'phone' } });
      expect(e.raw).not.toContain(PHONE);
    }
    // The citizen never sees who looked.
    const mine = await call(ctx, 'GET', `/api/cases/${caseId}`, citizen);
    expect(mine.body.timeline.map((e: any) => e.action)).not.toContain('reveal_contact');
  });

  it('refuses staff of another department (404 like a missing id), editors and citizens (403), and anonymous callers (401)', async () => {
    const { caseId, followUpId } = await badlyRated();
    const hidden = await reveal(rs, followUpId);
    expect(hidden.status).toBe(404);
    expect((await reveal(rs, 99999)).body.error).toEqual(hidden.body.error);
    expect((await reveal(editor, followUpId)).status).toBe(403);
    expect((await reveal(citizen, followUpId)).status).toBe(403);
    expect((await reveal(null, followUpId)).status).toBe(401);
    expect(await revealEvents(caseId)).toHaveLength(0);
  });

  it('once assigned, only the assignee and supervisors may reveal it; colleagues (even the case owner) get 403', async () => {
    const { caseId, followUpId } = await badlyRated();
    const a = await assign(sup, followUpId, staffIds.mz_staff2);
    expect(a.status).toBe(200);
    expect(a.body.assignee).toEqual({ id: staffIds.mz_staff2, name: '周文斌' });
    const owner = await reveal(mz, followUpId);
    expect(owner.status).toBe(403);
    expect(owner.body.error.message).toContain('指派');
    expect((await reveal(mz2, followUpId)).status).toBe(200);
    expect((await reveal(admin, followUpId)).status).toBe(200);
    expect((await revealEvents(caseId)).map((e) => e.actorId)).toEqual([staffIds.mz_staff2, staffIds.admin]);

    // Reassigned to a supervisor: the former assignee is refused too.
    expect((await assign(sup, followUpId, staffIds.supervisor)).status).toBe(200);
    expect((await reveal(mz2, followUpId)).status).toBe(403);
    expect((await reveal(sup, followUpId)).status).toBe(200);
  });

  it('keeps the owner reveal on the case the same audited way, still for the owner only', async () => {
    const { caseId } = await badlyRated();
    const own = await call(ctx, 'POST', `/api/staff/cases/${caseId}/contact`, mz);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ name: '王秀英', phone: PHONE });
    expect((await call(ctx, 'POST', `/api/staff/cases/${caseId}/contact`, mz2)).status).toBe(403);
    const events = await revealEvents(caseId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: staffIds.mz_staff, data: { field: 'phone' } });
    expect(events[0]!.data.followUpId).toBeUndefined();
    expect(events[0]!.raw).not.toContain(PHONE);
  });

  it('answers nulls for a window rating (一次一评 has no contact) and for an anonymous case, writing nothing', async () => {
    const win = Number(await scalar('SELECT id FROM service_windows WHERE department_id = ? ORDER BY id LIMIT 1', [mzjId]));
    const rated = await call(ctx, 'POST', `/api/windows/${win}/ratings`, await loginCitizen(ctx.app, 'window-rater'), { level: 1 });
    expect(rated.status).toBe(201);
    const windowFollowUp = Number(await scalar('SELECT id FROM follow_ups WHERE rating_id = ?', [rated.body.id]));
    expect((await reveal(mz, windowFollowUp)).body).toEqual({ name: null, phone: null });

    const anon = await submit(ctx, citizen, message(mzjId, { anonymous: true, contact: undefined, consent: false }));
    await act(mz, anon.body.id, { action: 'accept' });
    await act(mz, anon.body.id, { action: 'reply', body: '已答复。' });
    const r = await call(ctx, 'POST', `/api/cases/${anon.body.id}/rating`, citizen, { level: 2 });
    const anonFollowUp = Number(await scalar('SELECT id FROM follow_ups WHERE rating_id = ?', [r.body.id]));
    expect((await reveal(sup, anonFollowUp)).body).toEqual({ name: null, phone: null });
    expect(await revealEvents(anon.body.id)).toHaveLength(0);
  });
});

describe('assigning a 回访', () => {
  it('assigns to a supervisor or staff of the department; anyone else is a 400 naming body.staffId', async () => {
    const { caseId, followUpId } = await badlyRated();
    for (const who of ['rs_staff', 'editor', 'admin']) {
      const r = await assign(sup, followUpId, staffIds[who]);
      expect(r.status, who).toBe(400);
      expect(r.body.error.details.issues[0].field).toBe('body.staffId');
    }
    expect((await assign(sup, followUpId, 99999)).status).toBe(400);
    expect((await assign(sup, followUpId, 'x')).status).toBe(400);
    expect((await assign(sup, followUpId, staffIds.mz_staff)).body.assignee.id).toBe(staffIds.mz_staff);
    expect((await assign(admin, followUpId, staffIds.supervisor)).body.assignee).toEqual({ id: staffIds.supervisor, name: '陈立新' });
    const trail = await ctx.client.execute({
      sql: "SELECT visibility, data FROM case_events WHERE case_id = ? AND action = 'follow_up_assign' ORDER BY id",
      args: [caseId],
    });
    expect(trail.rows.map((r) => [r.visibility, JSON.parse(String(r.data)).assigneeId])).toEqual([
      ['internal', staffIds.mz_staff],
      ['internal', staffIds.supervisor],
    ]);
  });

  it('is for supervisors and admins only, and not after the result is recorded', async () => {
    const { followUpId } = await badlyRated();
    expect((await assign(mz, followUpId, staffIds.mz_staff2)).status).toBe(403);
    expect((await assign(editor, followUpId, staffIds.mz_staff2)).status).toBe(403);
    expect((await assign(sup, 99999, staffIds.mz_staff2)).status).toBe(404);
    expect((await recordResult(mz2, followUpId, reached())).status).toBe(200);
    const late = await assign(sup, followUpId, staffIds.mz_staff);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('FOLLOW_UP_DONE');
  });
});

describe('recording the outcome', () => {
  it('shows the public part on the citizen’s case and timeline; the internal record stays with staff', async () => {
    const { caseId, followUpId } = await badlyRated();
    expect((await call(ctx, 'GET', `/api/cases/${caseId}`, citizen)).body.followUp).toBeNull();
    await tokensAt('2026-11-24T03:00:00.000Z');
    const done = await recordResult(mz2, followUpId, reached());
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      doneAt: '2026-11-24T03:00:00.000Z',
      outcome: 'reached',
      attempts: 1,
      citizenView: '群众对重新答复表示满意',
      rectified: true,
      publicNote: '已电话回访，已按您的意见改进答复，感谢监督。',
      result: '内部记录：承办人答复过简，已约谈并要求重新答复。',
      staff: { id: staffIds.mz_staff2 },
    });

    const mine = await call(ctx, 'GET', `/api/cases/${caseId}`, citizen);
    expect(mine.body.followUp).toEqual({
      doneAt: '2026-11-24T03:00:00.000Z',
      outcome: 'reached',
      publicNote: '已电话回访，已按您的意见改进答复，感谢监督。',
      rectified: true,
    });
    const last = mine.body.timeline.at(-1);
    expect(last).toMatchObject({
      action: 'follow_up_public',
      label: '回访',
      actor: '清溪县民政局',
      visibility: 'public',
      body: '已电话回访，已按您的意见改进答复，感谢监督。',
      data: null,
    });
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain('内部记录');
    expect(text).not.toContain('群众对重新答复表示满意');
    expect(text).not.toContain('周文斌');

    const staffView = await call(ctx, 'GET', `/api/staff/cases/${caseId}`, mz);
    const internal = staffView.body.timeline.find((e: any) => e.action === 'follow_up');
    expect(internal).toMatchObject({ visibility: 'internal', body: '内部记录：承办人答复过简，已约谈并要求重新答复。' });
    expect(staffView.body.followUp).toMatchObject({ outcome: 'reached' });

    const twice = await recordResult(sup, followUpId, reached());
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('FOLLOW_UP_DONE');
    expect(await scalar("SELECT count(*) FROM case_events WHERE case_id = ? AND action = 'follow_up_public'", [caseId])).toBe(1);
  });

  it('refuses 无法联系 before the configured number of tries (default 3, then the setting)', async () => {
    const { caseId, followUpId } = await badlyRated();
    const unreachable = {
      outcome: 'unreachable',
      rectified: false,
      result: '三次拨打均无人接听',
      citizenView: undefined,
      publicNote: undefined,
    };
    const early = await recordResult(sup, followUpId, { ...unreachable, attempts: 2 });
    expect(early.status).toBe(400);
    expect(early.body.error.details.issues[0].field).toBe('body.attempts');
    expect(early.body.error.message).toContain('3');
    expect(await scalar('SELECT status FROM follow_ups WHERE id = ?', [followUpId])).toBe('open');

    // An admin raises it to 5: applies to the next record at once (the cached rules are dropped).
    const setTries = (value: number) => call(ctx, 'PUT', '/api/admin/settings/followUpMinTries', admin, { value });
    expect((await setTries(5)).body.followUpMinTries).toBe(5);
    try {
      expect((await recordResult(sup, followUpId, { ...unreachable, attempts: 4 })).status).toBe(400);
      const ok = await recordResult(sup, followUpId, { ...unreachable, attempts: 5 });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ outcome: 'unreachable', attempts: 5, citizenView: null, publicNote: null, rectified: false });
    } finally {
      expect((await setTries(3)).status).toBe(200);
    }
    // Without a note, the citizen reads a plain sentence, never the internal record.
    const mine = await call(ctx, 'GET', `/api/cases/${caseId}`, citizen);
    expect(mine.body.followUp).toMatchObject({ outcome: 'unreachable', publicNote: null, rectified: false });
    expect(mine.body.timeline.at(-1)).toMatchObject({ action: 'follow_up_public', body: '工作人员多次电话回访未能联系上您。' });
    expect(JSON.stringify(mine.body)).not.toContain('无人接听');
  });

  it.each([
    ['a mobile number in the public note', { publicNote: '如有问题请拨打13912345678联系我们' }, 'body.publicNote'],
    ['a spaced mobile number', { publicNote: '回访电话 139 1234 5678' }, 'body.publicNote'],
    ['an ID number', { publicNote: '经核实身份证 11010119900307123X 的群众' }, 'body.publicNote'],
    ['a public note over 500 characters', { publicNote: '长'.repeat(501) }, 'body.publicNote'],
    ['no citizen view when reached', { citizenView: undefined }, 'body.citizenView'],
    ['zero attempts', { attempts: 0 }, 'body.attempts'],
    ['eleven attempts', { attempts: 11 }, 'body.attempts'],
    ['an unknown outcome', { outcome: 'maybe' }, 'body.outcome'],
    ['no rectified flag', { rectified: undefined }, 'body.rectified'],
    ['a one-character record', { result: '好' }, 'body.result'],
  ])('refuses %s with 400 in Chinese', async (_label, over, field) => {
    const { followUpId } = await badlyRated();
    const r = await recordResult(mz2, followUpId, reached(over));
    expect(r.status).toBe(400);
    const issue = r.body.error.details.issues.find((i: any) => i.field === field);
    expect(issue, JSON.stringify(r.body.error.details.issues)).toBeDefined();
    expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await scalar('SELECT status FROM follow_ups WHERE id = ?', [followUpId])).toBe('open');
  });

  it('accepts a public note with short numbers (dates, counts) that are not personal', async () => {
    const { followUpId } = await badlyRated();
    const r = await recordResult(mz2, followUpId, reached({ publicNote: '已于 2026 年 11 月 24 日回访，整改 3 项。' }));
    expect(r.status).toBe(200);
  });

  it('lets only whoever may make the call record it: not a colleague when assigned to someone else', async () => {
    const { followUpId } = await badlyRated();
    await assign(sup, followUpId, staffIds.supervisor);
    expect((await recordResult(mz2, followUpId, reached())).status).toBe(403);
    expect((await recordResult(rs, followUpId, reached())).status).toBe(404);
    expect((await recordResult(editor, followUpId, reached())).status).toBe(403);
    expect((await recordResult(sup, followUpId, reached())).status).toBe(200);
  });
});
