import {
  followUpPublicText,
  maskPersonalNumbers,
  computeDueAt,
  isBadRating,
  localDate,
  ratingLabel,
  type AppealBody,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpResultBody,
  type FollowUpView,
  type RateBody,
  type RatingView,
  type StaffRatingView,
} from '@zw/shared';
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cases, departments, followUps, ratings, serviceWindows, staffUsers } from '../db/schema';
import { appendCaseEvent } from './trail';
import { withTransaction, type Executor } from '../db/tx';
import type { Staff } from '../lib/context';
import { AppError, NotFoundError } from '../lib/errors';
import type { CitizenArgs, StaffArgs } from '../lib/service';
import { caseForCitizen, staffMaySee } from './cases/access';
import { isPublicWindow } from './halls';
import { notifyCitizen } from './notifications/notify';
import { handlingRules, type HandlingRules } from './settings';

type RatingRow = typeof ratings.$inferSelect;

const alreadyRated = (message: string) => new AppError('ALREADY_RATED', 409, message);

/** A second writer in another process can still hit the unique index after our check: same answer. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof Error && /UNIQUE constraint failed/i.test(e.message)) return true;
  }
  return false;
}

export function ratingView(r: RatingRow): RatingView {
  return {
    id: r.id,
    level: r.level,
    levelLabel: ratingLabel(r.level),
    comment: r.comment,
    createdAt: r.createdAt,
    caseId: r.caseId,
    windowId: r.windowId,
    visitDate: r.visitDate,
  };
}

function staffRatingView(r: RatingRow, department: { id: number; name: string } | null): StaffRatingView {
  return { ...ratingView(r), department, appealed: r.appealed, appealReason: r.appealReason, appealedAt: r.appealedAt };
}

/**
 * Every bad rating gets a 回访 (target 100%), due `followUpDays` working days after the
 * rating, handled by the department the rating counts for. Runs inside the rating's transaction.
 */
async function openFollowUpIfBad(tx: Executor, rules: HandlingRules, rating: RatingRow, now: Date): Promise<void> {
  if (!isBadRating(rating.level)) return;
  const { calendar, followUpDays } = rules;
  const nowIso = now.toISOString();
  await tx.insert(followUps).values({
    ratingId: rating.id,
    departmentId: rating.departmentId,
    dueAt: computeDueAt(nowIso, { days: followUpDays, unit: 'working' }, calendar),
    status: 'open',
    createdAt: nowIso,
  });
}

/** Rating is offered as soon as the case is answered: most citizens read the answer and never come back after 办结. */
const RATEABLE_STATES: ReadonlySet<string> = new Set(['answered', 'closed']);

/** 一事一评: the citizen who submitted an answered or closed case rates it, once. */
export async function rateCase({ ctx, input: { id: caseId, body } }: CitizenArgs<{ id: number; body: RateBody }>): Promise<RatingView> {
  const { db, now, actor: citizen } = ctx;
  const rules = await handlingRules(db);
  try {
    return await withTransaction(db, async (tx) => {
      const c = await caseForCitizen(tx, caseId, citizen);
      const existing = await tx.select({ id: ratings.id }).from(ratings).where(eq(ratings.caseId, c.id)).get();
      if (existing) throw alreadyRated('这件诉求已经评价过了');
      if (!RATEABLE_STATES.has(c.state)) {
        throw new AppError('TRANSITION_NOT_ALLOWED', 409, '诉求答复后才能评价', {
          action: 'rate',
          from: c.state,
          transition: `${c.state}→rate`,
        });
      }
      const nowIso = now.toISOString();
      const [rating] = await tx
        .insert(ratings)
        .values({
          caseId: c.id,
          windowId: null,
          visitDate: null,
          departmentId: c.departmentId,
          citizenId: citizen.id,
          level: body.level,
          comment: body.comment ?? null,
          createdAt: nowIso,
        })
        .returning();
      // On the citizen's public timeline (label 评价); the level travels in data for staff.
      await appendCaseEvent(tx, ctx.config, {
        caseId: c.id,
        at: nowIso,
        actorType: 'citizen',
        actorId: citizen.id,
        action: 'rate',
        fromState: c.state,
        toState: c.state,
        visibility: 'public',
        body: `${ratingLabel(body.level)}${body.comment ? `：${body.comment}` : ''}`,
        data: { level: body.level, ratingId: rating!.id },
      });
      await openFollowUpIfBad(tx, rules, rating!, now);
      return ratingView(rating!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyRated('这件诉求已经评价过了');
    throw err;
  }
}

/** 一次一评 at a hall window: once per citizen, window and Beijing-local day. */
export async function rateWindow({ ctx, input: { id: windowId, body } }: CitizenArgs<{ id: number; body: RateBody }>): Promise<RatingView> {
  const { db, now, actor: citizen } = ctx;
  const nowIso = now.toISOString();
  const visitDate = localDate(nowIso);
  const again = () => alreadyRated('您今天已经评价过这个窗口了，感谢您的反馈');
  const rules = await handlingRules(db);
  try {
    return await withTransaction(db, async (tx) => {
      const w = await tx
        .select({ id: serviceWindows.id, departmentId: serviceWindows.departmentId })
        .from(serviceWindows)
        .where(and(eq(serviceWindows.id, windowId), isPublicWindow))
        .get();
      if (!w) throw new NotFoundError('没有找到这个窗口');
      const existing = await tx
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.citizenId, citizen.id), eq(ratings.windowId, w.id), eq(ratings.visitDate, visitDate)))
        .get();
      if (existing) throw again();
      // A window without a department (综合窗口) counts for the service-management bureau, as its cases do.
      const departmentId =
        w.departmentId ??
        (await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, 'zwfwj')).get())?.id ??
        null;
      const [rating] = await tx
        .insert(ratings)
        .values({
          caseId: null,
          windowId: w.id,
          visitDate,
          departmentId,
          citizenId: citizen.id,
          level: body.level,
          comment: body.comment ?? null,
          createdAt: nowIso,
        })
        .returning();
      await openFollowUpIfBad(tx, rules, rating!, now);
      return ratingView(rating!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw again();
    throw err;
  }
}

// ---------------------------------------------------------------- staff: follow-ups and appeals

const ratingDept = alias(departments, 'rating_dept');
const followUpDept = alias(departments, 'follow_up_dept');
const assignee = alias(staffUsers, 'assignee');

const followUpColumns = {
  f: followUps,
  r: ratings,
  ratingDeptName: ratingDept.name,
  deptName: followUpDept.name,
  caseId: cases.id,
  caseOwnerId: cases.ownerId,
  caseState: cases.state,
  trackingNo: cases.trackingNo,
  caseTitle: cases.title,
  anonymous: cases.anonymous,
  contactName: cases.contactName,
  contactPhoneMasked: cases.contactPhoneMasked,
  windowNumber: serviceWindows.number,
  windowName: serviceWindows.name,
  staffName: staffUsers.displayName,
  assigneeName: assignee.displayName,
};

function followUpQuery(db: Executor) {
  return db
    .select(followUpColumns)
    .from(followUps)
    .innerJoin(ratings, eq(ratings.id, followUps.ratingId))
    .leftJoin(ratingDept, eq(ratingDept.id, ratings.departmentId))
    .leftJoin(followUpDept, eq(followUpDept.id, followUps.departmentId))
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .leftJoin(serviceWindows, eq(serviceWindows.id, ratings.windowId))
    .leftJoin(staffUsers, eq(staffUsers.id, followUps.staffId))
    .leftJoin(assignee, eq(assignee.id, followUps.assigneeId));
}

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpQuery>['all']>>[number];

function followUpView(row: FollowUpRow, now: Date): FollowUpView {
  const { f, r } = row;
  return {
    id: f.id,
    status: f.status,
    dueAt: f.dueAt,
    overdue: f.status === 'open' && f.dueAt < now.toISOString(),
    createdAt: f.createdAt,
    department: f.departmentId !== null && row.deptName !== null ? { id: f.departmentId, name: row.deptName } : null,
    rating: staffRatingView(
      r,
      r.departmentId !== null && row.ratingDeptName !== null ? { id: r.departmentId, name: row.ratingDeptName } : null,
    ),
    case:
      row.caseId !== null
        ? {
            id: row.caseId,
            trackingNo: row.trackingNo!,
            title: maskPersonalNumbers(row.caseTitle!),
            anonymous: row.anonymous!,
            contactName: row.contactName,
            contactPhoneMasked: row.contactPhoneMasked,
          }
        : null,
    window:
      r.windowId !== null && row.windowNumber !== null ? { id: r.windowId, number: row.windowNumber, name: row.windowName ?? '' } : null,
    result: f.result,
    doneAt: f.doneAt,
    staff: f.staffId !== null ? { id: f.staffId, name: row.staffName ?? '' } : null,
    assignee: f.assigneeId !== null ? { id: f.assigneeId, name: row.assigneeName ?? '' } : null,
    outcome: f.outcome,
    attempts: f.attempts,
    citizenView: f.citizenView,
    rectified: f.rectified,
    publicNote: f.publicNote,
  };
}

/**
 * The staffMaySee rule applied to a follow-up: its department stands for the case's,
 * and the owner of the rated case (if any) may see it too.
 */
function staffScope(staff: Staff): SQL | undefined {
  if (staff.role === 'supervisor' || staff.role === 'admin') return undefined;
  if (staff.role === 'editor') return sql`0`;
  const mine = eq(cases.ownerId, staff.id);
  return staff.departmentId === null ? mine : or(eq(followUps.departmentId, staff.departmentId), mine);
}

function ensureHandler(staff: Staff) {
  if (staff.role === 'editor') throw new AppError('FORBIDDEN', 403, '编辑人员不处理评价和回访');
}

/** 回访 list: supervisors and admins see all (or one department), staff their department's; open ones by deadline first. */
export async function listFollowUps({ ctx, input: q }: StaffArgs<FollowUpQuery>): Promise<FollowUpList> {
  const { db, now, actor: staff } = ctx;
  ensureHandler(staff);
  const filters: Array<SQL | undefined> = [staffScope(staff)];
  if (q.status) filters.push(eq(followUps.status, q.status));
  if (q.department) filters.push(eq(followUps.departmentId, q.department));
  const where = and(...filters);
  const [rows, total] = await Promise.all([
    followUpQuery(db)
      .where(where)
      .orderBy(sql`CASE ${followUps.status} WHEN 'open' THEN 0 ELSE 1 END`, asc(followUps.dueAt), desc(followUps.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(followUps)
      .innerJoin(ratings, eq(ratings.id, followUps.ratingId))
      .leftJoin(cases, eq(cases.id, ratings.caseId))
      .where(where)
      .get(),
  ]);
  return { data: rows.map((r) => followUpView(r, now)), page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
}

export async function followUpForStaff(exec: Executor, id: number, staff: Staff): Promise<FollowUpRow> {
  const row = await followUpQuery(exec).where(eq(followUps.id, id)).get();
  if (!row || !staffMaySee(staff, { departmentId: row.f.departmentId ?? -1, ownerId: row.caseOwnerId }))
    throw new NotFoundError('没有找到这条回访');
  return row;
}

const isSupervisor = (staff: Pick<Staff, 'role'>) => staff.role === 'supervisor' || staff.role === 'admin';

/**
 * A follow-up this staff member may act on (reveal the contact, record the outcome):
 * the assignee, a supervisor or admin, or — while nobody is assigned — staff of the
 * follow-up's department. Others who may see it (the case owner, colleagues while
 * it is assigned to someone else) get 403; those who may not see it, 404.
 */
export async function followUpToHandle(exec: Executor, id: number, staff: Staff): Promise<FollowUpRow> {
  ensureHandler(staff);
  const row = await followUpForStaff(exec, id, staff);
  const { assigneeId, departmentId } = row.f;
  if (isSupervisor(staff) || assigneeId === staff.id) return row;
  if (assigneeId === null && departmentId !== null && staff.departmentId === departmentId) return row;
  throw new AppError('FORBIDDEN', 403, assigneeId === null ? '只有本部门工作人员或督办人员可以办理这条回访' : '这条回访已指派给其他人办理');
}

/**
 * Assign a 回访 (supervisors and admins): to a supervisor, or to active staff of the
 * follow-up's department — they can then reveal the contact and record the outcome.
 * Reassigning is allowed until the result is recorded.
 */
export async function assignFollowUp({ ctx, input: { id, staffId } }: StaffArgs<{ id: number; staffId: number }>): Promise<FollowUpView> {
  const { db, now, actor: staff } = ctx;
  if (!isSupervisor(staff)) throw new AppError('FORBIDDEN', 403, '只有督办人员可以指派回访');
  await withTransaction(db, async (tx) => {
    const row = await followUpForStaff(tx, id, staff);
    if (row.f.status === 'done') throw new AppError('FOLLOW_UP_DONE', 409, '这条回访已经记录过结果', { doneAt: row.f.doneAt });
    const target = await tx
      .select({ id: staffUsers.id, role: staffUsers.role, departmentId: staffUsers.departmentId, active: staffUsers.active })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffId))
      .get();
    const fits =
      target?.active === true &&
      (target.role === 'supervisor' ||
        (target.role === 'staff' && row.f.departmentId !== null && target.departmentId === row.f.departmentId));
    if (!fits) {
      throw new AppError('VALIDATION_FAILED', 400, '回访只能指派给督办人员或该部门的工作人员', {
        issues: [{ field: 'body.staffId', message: '只能指派给督办人员或该部门的工作人员' }],
      });
    }
    await tx.update(followUps).set({ assigneeId: staffId }).where(eq(followUps.id, id));
    if (row.caseId !== null) {
      await appendCaseEvent(tx, ctx.config, {
        caseId: row.caseId,
        at: now.toISOString(),
        actorType: 'staff',
        actorId: staff.id,
        action: 'follow_up_assign',
        fromState: row.caseState,
        toState: row.caseState,
        visibility: 'internal',
        body: null,
        data: { followUpId: id, assigneeId: staffId, before: row.f.assigneeId },
      });
    }
  });
  return followUpView(await followUpForStaff(db, id, staff), now);
}

/** What the citizen reads when staff gave no public note. */
/**
 * Record the outcome of a 回访, once: the internal record on the case's audit trail
 * (staff only) and its public part (outcome, rectification, the public note) as a
 * `follow_up_public` event on the citizen's timeline. 无法联系 only after the
 * configured number of tries.
 */
export async function recordFollowUp({ ctx, input }: StaffArgs<{ id: number } & FollowUpResultBody>): Promise<FollowUpView> {
  const { db, now, actor: staff } = ctx;
  const { id } = input;
  ensureHandler(staff);
  const { followUpMinTries: minTries } = await handlingRules(db);
  await withTransaction(db, async (tx) => {
    const row = await followUpToHandle(tx, id, staff);
    const done = () => new AppError('FOLLOW_UP_DONE', 409, '这条回访已经记录过结果', { doneAt: row.f.doneAt });
    if (row.f.status === 'done') throw done();
    if (input.outcome === 'unreachable' && input.attempts < minTries) {
      throw new AppError('VALIDATION_FAILED', 400, `至少联系 ${minTries} 次仍未接通，才能记为无法联系`, {
        issues: [{ field: 'body.attempts', message: `记为无法联系至少需要联系 ${minTries} 次` }],
      });
    }
    const nowIso = now.toISOString();
    const updated = await tx
      .update(followUps)
      .set({
        status: 'done',
        result: input.result,
        outcome: input.outcome,
        attempts: input.attempts,
        citizenView: input.citizenView ?? null,
        rectified: input.rectified,
        publicNote: input.publicNote ?? null,
        doneAt: nowIso,
        staffId: staff.id,
      })
      .where(and(eq(followUps.id, id), eq(followUps.status, 'open')))
      .returning({ id: followUps.id });
    if (updated.length === 0) throw done();
    if (row.caseId !== null) {
      const common = { caseId: row.caseId, at: nowIso, actorType: 'staff' as const, actorId: staff.id };
      const states = { fromState: row.caseState, toState: row.caseState };
      // The internal record: everything staff wrote, on the audit trail only.
      await appendCaseEvent(tx, ctx.config, {
        ...common,
        ...states,
        action: 'follow_up',
        visibility: 'internal',
        body: input.result,
        data: {
          followUpId: id,
          ratingId: row.r.id,
          outcome: input.outcome,
          attempts: input.attempts,
          citizenView: input.citizenView ?? null,
          rectified: input.rectified,
        },
      });
      // The public part, on the citizen's timeline (label 回访): the note and the outcome, nothing internal.
      await appendCaseEvent(tx, ctx.config, {
        ...common,
        ...states,
        action: 'follow_up_public',
        visibility: 'public',
        body: input.publicNote ?? followUpPublicText[input.outcome],
        data: { followUpId: id, outcome: input.outcome, rectified: input.rectified },
      });
      // The citizen hears that the 回访 is recorded (its public part is on the case page), in this transaction.
      await notifyCitizen(
        tx,
        ctx,
        'follow_up_recorded',
        { id: row.caseId, trackingNo: row.trackingNo!, title: row.caseTitle!, citizenId: row.r.citizenId },
        { at: nowIso, detail: null },
      );
    }
  });
  return followUpView(await followUpForStaff(db, id, staff), now);
}

/** A wrongful bad rating may be appealed by the department it counts against (or a supervisor): once. */
export async function appealRating({
  ctx,
  input: { id: ratingId, body },
}: StaffArgs<{ id: number; body: AppealBody }>): Promise<StaffRatingView> {
  const { db, now, actor: staff } = ctx;
  ensureHandler(staff);
  return withTransaction(db, async (tx) => {
    const row = await tx
      .select({ r: ratings, deptName: departments.name, caseOwnerId: cases.ownerId, caseState: cases.state })
      .from(ratings)
      .leftJoin(departments, eq(departments.id, ratings.departmentId))
      .leftJoin(cases, eq(cases.id, ratings.caseId))
      .where(eq(ratings.id, ratingId))
      .get();
    if (!row || !staffMaySee(staff, { departmentId: row.r.departmentId ?? -1, ownerId: row.caseOwnerId }))
      throw new NotFoundError('没有找到这条评价');
    if (row.r.appealed) throw new AppError('ALREADY_APPEALED', 409, '这条评价已经申诉过了', { appealedAt: row.r.appealedAt });
    if (!isBadRating(row.r.level)) throw new AppError('NOT_APPEALABLE', 409, '只有差评可以申诉');
    const nowIso = now.toISOString();
    const [updated] = await tx
      .update(ratings)
      .set({ appealed: true, appealReason: body.reason, appealedAt: nowIso })
      .where(and(eq(ratings.id, ratingId), eq(ratings.appealed, false)))
      .returning();
    if (!updated) throw new AppError('ALREADY_APPEALED', 409, '这条评价已经申诉过了');
    if (updated.caseId !== null) {
      await appendCaseEvent(tx, ctx.config, {
        caseId: updated.caseId,
        at: nowIso,
        actorType: 'staff',
        actorId: staff.id,
        action: 'appeal',
        fromState: row.caseState,
        toState: row.caseState,
        visibility: 'internal',
        body: body.reason,
        data: { ratingId },
      });
    }
    return staffRatingView(
      updated,
      updated.departmentId !== null && row.deptName !== null ? { id: updated.departmentId, name: row.deptName } : null,
    );
  });
}
