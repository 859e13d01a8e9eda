import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';
import { call, departmentId, message, submit } from './cases-support';

let ctx: TestContext;
let citizen: string;
let other: string;
let mz: string;
let mz2: string;
let rs: string;
let sup: string;
let editor: string;
let mzjId: number;
let zwfwjId: number;
let mzWindow: number;
let noDeptWindow: number;

const MONDAY = '2026-11-23T01:00:00.000Z'; // 09:00 in Beijing, no holidays for weeks either side

async function tokens() {
  citizen = await loginCitizen(ctx.app, 'wang');
  other = await loginCitizen(ctx.app, 'zhao');
  [mz, mz2, rs, sup, editor] = await Promise.all(
    ['mz_staff', 'mz_staff2', 'rs_staff', 'supervisor', 'editor'].map((u) => loginStaff(ctx.app, u)),
  );
}

async function scalar(sql: string, args: Array<string | number> = []) {
  return (await ctx.client.execute({ sql, args })).rows[0]?.[0];
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(MONDAY);
  mzjId = await departmentId(ctx, 'mzj');
  zwfwjId = await departmentId(ctx, 'zwfwj');
  mzWindow = Number(await scalar('SELECT id FROM service_windows WHERE department_id = ? ORDER BY id LIMIT 1', [mzjId]));
  noDeptWindow = Number(await scalar('SELECT id FROM service_windows WHERE department_id IS NULL ORDER BY id LIMIT 1'));
});
afterAll(() => ctx.cleanup());
beforeEach(async () => {
  ctx.clock.set(MONDAY);
  await tokens();
});

const act = (token: string, id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, token, body);
const rate = (token: string, id: number, body: unknown) => call(ctx, 'POST', `/api/cases/${id}/rating`, token, body);
const rateWindow = (token: string, id: number, body: unknown) => call(ctx, 'POST', `/api/windows/${id}/ratings`, token, body);
/** A complete 回访 result (reached on the first call), with the internal record given. */
const outcome = (result: string, over: Record<string, unknown> = {}) => ({
  outcome: 'reached',
  attempts: 1,
  citizenView: '群众表示理解',
  rectified: true,
  result,
  ...over,
});

async function newCase(token = citizen): Promise<number> {
  const r = await submit(ctx, token, message(mzjId));
  expect(r.status).toBe(201);
  return r.body.id;
}

/** Submitted by `token`, accepted, answered and closed by mz_staff. */
async function closedCase(token = citizen): Promise<number> {
  const id = await newCase(token);
  expect((await act(mz, id, { action: 'accept' })).status).toBe(200);
  expect((await act(mz, id, { action: 'reply', body: '您好，低保申请需提供身份证、户口簿和收入证明，可由社区代办。' })).status).toBe(200);
  expect((await act(mz, id, { action: 'close' })).status).toBe(200);
  return id;
}

describe('rating a case (一事一评)', () => {
  it('refuses a rating before the case is answered, naming the transition', async () => {
    const id = await newCase();
    const early = await rate(citizen, id, { level: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(early.body.error.details.transition).toBe('submitted→rate');
    await act(mz, id, { action: 'accept' });
    const accepted = await rate(citizen, id, { level: 5 });
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.details).toMatchObject({ action: 'rate', from: 'accepted', transition: 'accepted→rate' });
    await act(mz, id, { action: 'start' });
    expect((await rate(citizen, id, { level: 5 })).body.error.details.transition).toBe('in_progress→rate');
    expect((await call(ctx, 'GET', `/api/cases/${id}`, citizen)).body.availableActions).not.toContain('rate');
    expect(await scalar('SELECT count(*) FROM ratings WHERE case_id = ?', [id])).toBe(0);
  });

  it('rates an answered case at once (no 办结 needed), once; a bad rating still opens a 回访', async () => {
    const id = await newCase();
    await act(mz, id, { action: 'accept' });
    await act(mz, id, { action: 'reply', body: '已答复' });
    const view = await call(ctx, 'GET', `/api/cases/${id}`, citizen);
    expect(view.body.state).toBe('answered');
    expect(view.body.availableActions).toContain('rate');
    const r = await rate(citizen, id, { level: 2, comment: '答复太简单' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ caseId: id, level: 2 });
    expect(await scalar('SELECT count(*) FROM follow_ups f JOIN ratings r ON r.id = f.rating_id WHERE r.case_id = ?', [id])).toBe(1);
    // Still 一事一评 after 办结.
    await act(mz, id, { action: 'close' });
    const again = await rate(citizen, id, { level: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect((await call(ctx, 'GET', `/api/cases/${id}`, citizen)).body.availableActions).not.toContain('rate');
  });

  it('rates a closed case once, on the public timeline, without a follow-up for a good rating', async () => {
    const id = await closedCase();
    const before = await call(ctx, 'GET', `/api/cases/${id}`, citizen);
    expect(before.body.availableActions).toContain('rate');

    const r = await rate(citizen, id, { level: 5, comment: '  办得很快，态度很好  ' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      level: 5,
      levelLabel: '非常满意',
      comment: '办得很快，态度很好',
      caseId: id,
      windowId: null,
      visitDate: null,
    });

    const after = await call(ctx, 'GET', `/api/cases/${id}`, citizen);
    expect(after.body.rating).toMatchObject({ level: 5, comment: '办得很快，态度很好' });
    expect(after.body.availableActions).not.toContain('rate');
    const last = after.body.timeline.at(-1);
    expect(last).toMatchObject({ action: 'rate', label: '评价', actor: '您', visibility: 'public' });
    expect(last.body).toContain('非常满意');

    const again = await rate(citizen, id, { level: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    expect(await scalar('SELECT count(*) FROM ratings WHERE case_id = ?', [id])).toBe(1);
    expect(await scalar('SELECT count(*) FROM follow_ups f JOIN ratings r ON r.id = f.rating_id WHERE r.case_id = ?', [id])).toBe(0);
  });

  it("answers 404 for another citizen's case and a missing one; 401/403 for the wrong caller", async () => {
    const id = await closedCase();
    const foreign = await rate(other, id, { level: 5 });
    expect(foreign.status).toBe(404);
    expect((await rate(other, 99999, { level: 5 })).body.error.message).toBe(foreign.body.error.message);
    expect((await rate(mz, id, { level: 5 })).status).toBe(403);
    expect((await call(ctx, 'POST', `/api/cases/${id}/rating`, null, { level: 5 })).status).toBe(401);
    expect(await scalar('SELECT count(*) FROM ratings WHERE case_id = ?', [id])).toBe(0);
  });

  it.each([[0], [6], ['x'], [2.5], [null]])('refuses level %s with 400 naming body.level', async (level) => {
    const id = await closedCase();
    const r = await rate(citizen, id, { level });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.issues.map((i: any) => i.field)).toContain('body.level');
  });

  it('refuses a comment over 500 characters and a missing level', async () => {
    const id = await closedCase();
    expect((await rate(citizen, id, { level: 4, comment: '长'.repeat(501) })).body.error.details.issues[0].field).toBe('body.comment');
    expect((await rate(citizen, id, {})).body.error.details.issues[0].field).toBe('body.level');
    expect((await rate(citizen, id, { level: 4, comment: '长'.repeat(500) })).status).toBe(201);
  });
});

describe('rating a window (一次一评)', () => {
  it('allows one rating per citizen, window and Beijing-local day', async () => {
    const first = await rateWindow(citizen, mzWindow, { level: 4 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ windowId: mzWindow, caseId: null, visitDate: '2026-11-23', levelLabel: '满意' });
    expect(await scalar('SELECT department_id FROM ratings WHERE id = ?', [first.body.id])).toBe(mzjId);

    const again = await rateWindow(citizen, mzWindow, { level: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');
    // Someone else at the same window, and the same citizen at another window, may rate today.
    expect((await rateWindow(other, mzWindow, { level: 5 })).status).toBe(201);
    expect((await rateWindow(citizen, noDeptWindow, { level: 3 })).status).toBe(201);

    // 23:30 in Beijing is still the same day…
    ctx.clock.set('2026-11-23T15:30:00.000Z');
    expect((await rateWindow(citizen, mzWindow, { level: 5 })).status).toBe(409);
    // …00:10 is the next one.
    ctx.clock.set('2026-11-23T16:10:00.000Z');
    const next = await rateWindow(citizen, mzWindow, { level: 5 });
    expect(next.status).toBe(201);
    expect(next.body.visitDate).toBe('2026-11-24');
  });

  it('answers 404 for an unknown window and 400 for a bad level', async () => {
    const r = await rateWindow(citizen, 99999, { level: 5 });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    expect((await rateWindow(citizen, mzWindow, { level: 9 })).status).toBe(400);
    expect((await rateWindow(mz, mzWindow, { level: 5 })).status).toBe(403);
  });
});

describe('follow-ups (回访) after a bad rating', () => {
  let caseId: number;
  let ratingId: number;
  let followUpId: number;

  it('opens a follow-up due in working days, for the case department', async () => {
    caseId = await closedCase();
    const r = await rate(citizen, caseId, { level: 2, comment: '等了很久才答复' });
    expect(r.status).toBe(201);
    ratingId = r.body.id;

    const list = await call(ctx, 'GET', '/api/staff/follow-ups?status=open', mz);
    expect(list.status).toBe(200);
    const f = list.body.data.find((x: any) => x.rating.id === ratingId);
    expect(f).toBeDefined();
    followUpId = f.id;
    // followUpDays = 15 working days after Monday 2026-11-23 (weekends skipped) → end of Monday 2026-12-14, Beijing.
    expect(f.dueAt).toBe('2026-12-14T15:59:59.999Z');
    expect(f).toMatchObject({
      status: 'open',
      overdue: false,
      department: { id: mzjId, name: '清溪县民政局' },
      rating: { level: 2, levelLabel: '不满意', comment: '等了很久才答复', appealed: false },
      case: { id: caseId, contactName: '王秀英', contactPhoneMasked: '138****8000' },
      window: null,
      result: null,
      staff: null,
    });
    expect(JSON.stringify(f)).not.toContain('13800138000');
  });

  it('shows follow-ups by department: rs_staff sees none of mzj, supervisors see all, editors are refused', async () => {
    const rsList = await call(ctx, 'GET', '/api/staff/follow-ups', rs);
    expect(rsList.status).toBe(200);
    expect(rsList.body.data.map((x: any) => x.id)).not.toContain(followUpId);
    const supList = await call(ctx, 'GET', '/api/staff/follow-ups', sup);
    expect(supList.body.data.map((x: any) => x.id)).toContain(followUpId);
    const filtered = await call(ctx, 'GET', `/api/staff/follow-ups?department=${zwfwjId}`, sup);
    expect(filtered.body.data.map((x: any) => x.id)).not.toContain(followUpId);
    expect((await call(ctx, 'GET', '/api/staff/follow-ups', editor)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/follow-ups', citizen)).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/staff/follow-ups?status=maybe', mz)).status).toBe(400);
  });

  it('refuses other departments with a 404 that reveals nothing, and records the result once', async () => {
    const hidden = await call(ctx, 'POST', `/api/staff/follow-ups/${followUpId}`, rs, outcome('已电话回访'));
    expect(hidden.status).toBe(404);
    const missing = await call(ctx, 'POST', '/api/staff/follow-ups/99999', rs, outcome('已电话回访'));
    expect(missing.body.error).toEqual(hidden.body.error);
    expect((await call(ctx, 'POST', `/api/staff/follow-ups/${followUpId}`, editor, outcome('已电话回访'))).status).toBe(403);
    expect((await call(ctx, 'POST', `/api/staff/follow-ups/${followUpId}`, mz2, outcome('好'))).status).toBe(400);

    ctx.clock.set('2026-11-24T03:00:00.000Z');
    await tokens();
    // A colleague of the same department (not the case owner) may do the follow-up.
    const done = await call(
      ctx,
      'POST',
      `/api/staff/follow-ups/${followUpId}`,
      mz2,
      outcome('已电话回访，群众对解释表示理解，已改进答复时效。'),
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      doneAt: '2026-11-24T03:00:00.000Z',
      staff: { name: '周文斌' },
      result: '已电话回访，群众对解释表示理解，已改进答复时效。',
    });

    const twice = await call(ctx, 'POST', `/api/staff/follow-ups/${followUpId}`, mz, outcome('再次回访'));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('FOLLOW_UP_DONE');

    expect((await call(ctx, 'GET', '/api/staff/follow-ups?status=open', mz)).body.data.map((x: any) => x.id)).not.toContain(followUpId);
    expect((await call(ctx, 'GET', '/api/staff/follow-ups?status=done', mz)).body.data.map((x: any) => x.id)).toContain(followUpId);

    // On the staff audit trail, never on the citizen's timeline.
    const staffView = await call(ctx, 'GET', `/api/staff/cases/${caseId}`, mz);
    expect(staffView.body.timeline.map((e: any) => e.action)).toContain('follow_up');
    const citizenView = await call(ctx, 'GET', `/api/cases/${caseId}`, citizen);
    expect(citizenView.body.timeline.map((e: any) => e.action)).not.toContain('follow_up');
  });

  it('routes a bad window rating without a department to zwfwj, hidden from mzj staff', async () => {
    const r = await rateWindow(other, noDeptWindow, { level: 1, comment: '窗口没人' });
    expect(r.status).toBe(201);
    const supList = await call(ctx, 'GET', '/api/staff/follow-ups?status=open', sup);
    const f = supList.body.data.find((x: any) => x.rating.id === r.body.id);
    expect(f).toMatchObject({ department: { id: zwfwjId }, case: null, window: { id: noDeptWindow } });
    expect((await call(ctx, 'GET', '/api/staff/follow-ups', mz)).body.data.map((x: any) => x.id)).not.toContain(f.id);
    expect((await call(ctx, 'POST', `/api/staff/follow-ups/${f.id}`, mz, outcome('已回访'))).status).toBe(404);
  });

  it('marks an open follow-up overdue once its deadline passed', async () => {
    const id = await closedCase();
    const r = await rate(citizen, id, { level: 1 });
    ctx.clock.set('2026-12-15T01:00:00.000Z');
    await tokens();
    const f = (await call(ctx, 'GET', '/api/staff/follow-ups?status=open', mz)).body.data.find((x: any) => x.rating.id === r.body.id);
    expect(f.overdue).toBe(true);
  });
});

describe('appeals against a bad rating', () => {
  it('lets the rated department appeal once; other departments get 404, editors 403', async () => {
    const id = await closedCase();
    const r = await rate(citizen, id, { level: 1, comment: '不满意' });
    const ratingId = r.body.id;

    expect((await call(ctx, 'POST', `/api/staff/ratings/${ratingId}/appeal`, rs, { reason: '群众反映的问题不属实' })).status).toBe(404);
    expect((await call(ctx, 'POST', '/api/staff/ratings/99999/appeal', rs, { reason: '群众反映的问题不属实' })).status).toBe(404);
    expect((await call(ctx, 'POST', `/api/staff/ratings/${ratingId}/appeal`, editor, { reason: '群众反映的问题不属实' })).status).toBe(403);
    expect((await call(ctx, 'POST', `/api/staff/ratings/${ratingId}/appeal`, mz, {})).status).toBe(400);

    const ok = await call(ctx, 'POST', `/api/staff/ratings/${ratingId}/appeal`, mz, {
      reason: '已按规定时限答复，评价与事实不符，附通话记录',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id: ratingId,
      appealed: true,
      appealReason: '已按规定时限答复，评价与事实不符，附通话记录',
      department: { id: mzjId },
    });
    expect(ok.body.appealedAt).toBe(MONDAY);

    const twice = await call(ctx, 'POST', `/api/staff/ratings/${ratingId}/appeal`, sup, { reason: '再次申诉' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_APPEALED');

    const staffView = await call(ctx, 'GET', `/api/staff/cases/${id}`, mz);
    expect(staffView.body.timeline.at(-1)).toMatchObject({ action: 'appeal', visibility: 'internal' });
    expect((await call(ctx, 'GET', `/api/cases/${id}`, citizen)).body.timeline.map((e: any) => e.action)).not.toContain('appeal');
  });

  it('lets a supervisor appeal any bad rating, and refuses to appeal a good one', async () => {
    // Citizens who have not rated this window today.
    const [sun, qian] = await Promise.all([loginCitizen(ctx.app, 'sun'), loginCitizen(ctx.app, 'qian')]);
    const bad = await rateWindow(sun, noDeptWindow, { level: 2 });
    expect(bad.status).toBe(201);
    const viaSup = await call(ctx, 'POST', `/api/staff/ratings/${bad.body.id}/appeal`, sup, { reason: '当日系统故障，非窗口原因' });
    expect(viaSup.status).toBe(200);
    expect(viaSup.body.department.id).toBe(zwfwjId);

    const good = await rateWindow(qian, noDeptWindow, { level: 5 });
    expect(good.status).toBe(201);
    const refused = await call(ctx, 'POST', `/api/staff/ratings/${good.body.id}/appeal`, sup, { reason: '误评' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_APPEALABLE');
  });
});
