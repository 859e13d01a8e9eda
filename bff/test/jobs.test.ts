import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox } from '../src/db/schema';
import { silentLogger } from '../src/lib/logger';
import { sweep } from '../src/services/jobs/sweep';
import { join } from 'node:path';
import { localStorage } from '../src/node/storage';
import { call, departmentId, message, photoWithGps, submit, upload } from './cases-support';
import { setCaseDates } from './support/case-dates';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';

/** 自动办结, 邀请评价 and 电子监察 (黄牌/红牌), each once, also with two sweeps at the same moment. */
let ctx: TestContext;
let mzj: number;
let citizen: string;
let staff: string;
let admin: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestContext();
  mzj = await departmentId(ctx, 'mzj');
  citizen = await loginCitizen(ctx.app, 'jobs-citizen');
  staff = await loginStaff(ctx.app, 'mz_staff');
  admin = await loginStaff(ctx.app, 'admin');
});
afterAll(() => ctx.cleanup());

const run = (offsetMs: number) => sweep({ db: ctx.db, config: ctx.config, logger: silentLogger, now: new Date(Date.now() + offsetMs) });
const act = (id: number, body: object) => call(ctx, 'POST', `/api/staff/cases/${id}/actions`, staff, body);
async function newCase(): Promise<number> {
  const r = await submit(ctx, citizen, message(mzj));
  expect(r.status).toBe(201);
  return r.body.id;
}
async function answeredCase(): Promise<number> {
  const id = await newCase();
  expect((await act(id, { action: 'accept' })).status).toBe(200);
  expect((await act(id, { action: 'reply', body: '您好，材料清单见办事指南，行动不便可预约上门服务。' })).status).toBe(200);
  return id;
}
/** An admin setting, through the API (which drops the cached rules the sweep reads). */
async function setting(key: string, value: number) {
  expect((await call(ctx, 'PUT', `/api/admin/settings/${key}`, admin, { value })).status).toBe(200);
}
const state = async (id: number) => (await ctx.db.select().from(cases).where(eq(cases.id, id)).get())!;
const notices = async (id: number, kind: string) =>
  (await ctx.db.select().from(outbox).where(eq(outbox.caseId, id))).filter((r) => r.kind === kind);

describe('自动办结', () => {
  it('closes an answered case once the reopen window passed, with a public system event; not before, not after a reopen', async () => {
    const a = await answeredCase();
    const b = await answeredCase();
    const reopened = await answeredCase();
    expect(
      (await call(ctx, 'POST', `/api/cases/${reopened}/actions`, citizen, { action: 'reopen', reason: '答复没有解决问题，请再核实' }))
        .status,
    ).toBe(200);
    await run(2 * DAY);
    expect((await state(a)).state).toBe('answered');
    const report = await run(7 * DAY);
    expect(report.autoClosed).toBeGreaterThanOrEqual(2);
    for (const id of [a, b]) {
      expect((await state(id)).state).toBe('closed');
      const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
      const auto = events.filter((e) => e.action === 'auto_close');
      expect(auto).toHaveLength(1);
      expect(auto[0]).toMatchObject({ actorType: 'system', visibility: 'public', fromState: 'answered', toState: 'closed' });
    }
    expect((await state(reopened)).state).toBe('in_progress');
    expect((await run(8 * DAY)).autoClosed).toBe(0);
    // The citizen reads it on the timeline, and may still rate.
    const view = await call(ctx, 'GET', `/api/cases/${a}`, citizen);
    expect(view.body.timeline.map((e: any) => e.label)).toContain('自动办结');
    expect(view.body.availableActions).toContain('rate');
  });
});

describe('自动办结 switched off (autoCloseAnswered = 0)', () => {
  it('leaves answered cases answered after the window, and closes them once switched on again', async () => {
    const id = await answeredCase();
    await setting('autoCloseAnswered', 0);
    try {
      await run(7 * DAY);
      await run(30 * DAY);
      expect((await state(id)).state).toBe('answered');
      const events = await ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
      expect(events.filter((e) => e.action === 'auto_close')).toHaveLength(0);
    } finally {
      await setting('autoCloseAnswered', 1);
    }
    await run(7 * DAY);
    expect((await state(id)).state).toBe('closed');
  });
});

describe('邀请评价', () => {
  it('invites once, N days after the answer, and never a citizen who rated', async () => {
    const open = await answeredCase();
    const rated = await answeredCase();
    expect((await call(ctx, 'POST', `/api/cases/${rated}/rating`, citizen, { level: 5 })).status).toBe(201);
    await run(1 * DAY);
    expect(await notices(open, 'rating_invited')).toHaveLength(0);
    await run(4 * DAY);
    await run(5 * DAY);
    expect(await notices(open, 'rating_invited')).toHaveLength(1);
    expect(await notices(rated, 'rating_invited')).toHaveLength(0);
  });
});

describe('邀请评价 after ratingInviteDays', () => {
  it('waits as many days as the setting says (7 here, instead of 3)', async () => {
    await setting('ratingInviteDays', 7);
    try {
      const id = await answeredCase();
      await run(4 * DAY);
      await run(6 * DAY);
      expect(await notices(id, 'rating_invited')).toHaveLength(0);
      await run(7 * DAY + 60_000);
      expect(await notices(id, 'rating_invited')).toHaveLength(1);
    } finally {
      await setting('ratingInviteDays', 3);
    }
  });

  it('invites sooner when set lower (1 day)', async () => {
    await setting('ratingInviteDays', 1);
    try {
      const id = await answeredCase();
      await run(DAY / 2);
      expect(await notices(id, 'rating_invited')).toHaveLength(0);
      await run(DAY + 60_000);
      expect(await notices(id, 'rating_invited')).toHaveLength(1);
    } finally {
      await setting('ratingInviteDays', 3);
    }
  });
});

describe('电子监察', () => {
  it('黄牌 once when due within a working day, 红牌 once when overdue (also to supervisors), even with two sweeps at once', async () => {
    const soon = await newCase();
    const late = await newCase();
    await setCaseDates(ctx.client, soon, { dueAt: new Date(Date.now() + 3 * 3600_000).toISOString() });
    await setCaseDates(ctx.client, late, { dueAt: new Date(Date.now() - 3600_000).toISOString() });
    await Promise.all([run(0), run(0)]);
    await run(60_000);
    const yellow = await notices(soon, 'case_due_soon');
    const red = await notices(late, 'case_overdue');
    expect(yellow.length).toBeGreaterThan(0);
    expect(await notices(late, 'case_due_soon')).toHaveLength(0);
    // The department's staff (nobody owns these) plus the supervisor for the 红牌.
    const staffCount = Number(
      (
        await ctx.client.execute({
          sql: "SELECT count(*) AS n FROM staff_users WHERE department_id = ? AND role = 'staff' AND active = 1",
          args: [mzj],
        })
      ).rows[0]!.n,
    );
    expect(yellow).toHaveLength(staffCount);
    expect(red.length).toBeGreaterThan(staffCount);
    // A second level never repeats.
    await run(2 * DAY);
    expect(await notices(soon, 'case_due_soon')).toHaveLength(staffCount);
    expect((await notices(soon, 'case_overdue')).length).toBeGreaterThan(0);
    expect(await notices(late, 'case_overdue')).toHaveLength(red.length);
  });
});

describe('photos never attached to a message', () => {
  it('are deleted with their files a day after upload; attached ones stay', async () => {
    const storage = localStorage(join(ctx.dir, 'uploads'));
    const photo = await photoWithGps();
    const kept = (await upload(ctx, citizen, photo)).body.id as string;
    const stray = (await upload(ctx, citizen, photo)).body.id as string;
    expect((await submit(ctx, citizen, message(mzj, { photoIds: [kept] }))).status).toBe(201);
    const keyOf = async (id: string) =>
      (await ctx.client.execute({ sql: 'SELECT storage_key FROM uploads WHERE id = ?', args: [id] })).rows[0]?.storage_key as
        string | undefined;
    const strayKey = (await keyOf(stray))!;
    const keptKey = (await keyOf(kept))!;
    const sweepAt = (offsetMs: number) =>
      sweep({ db: ctx.db, config: ctx.config, logger: silentLogger, storage, now: new Date(Date.now() + offsetMs) });

    expect((await sweepAt(23 * 3600_000)).uploadsPurged).toBe(0);
    expect(await storage.get(strayKey)).not.toBeNull();
    expect((await sweepAt(DAY + 60_000)).uploadsPurged).toBe(1);
    expect(await keyOf(stray)).toBeUndefined();
    expect(await storage.get(strayKey)).toBeNull();
    expect(await keyOf(kept)).toBe(keptKey);
    expect(await storage.get(keptKey)).not.toBeNull();
    // Too late to attach it: the citizen is asked to upload it again.
    const late = await submit(ctx, citizen, message(mzj, { photoIds: [stray] }));
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/照片已失效/);
  });
});
