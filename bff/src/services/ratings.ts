import {
  computeDueAt,
  isBadRating,
  localDate,
  ratingLabel,
  type AppealBody,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpView,
  type RateBody,
  type RatingView,
  type StaffRatingView,
} from '@zw/shared';
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { caseEvents, cases, departments, followUps, ratings, serviceWindows, staffUsers } from '../db/schema';
import { withTransaction, type Executor } from '../db/tx';
import type { Staff } from '../lib/context';
import { AppError, NotFoundError } from '../lib/errors';
import type { CitizenArgs, StaffArgs } from '../lib/service';
import { caseForCitizen, staffMaySee } from './cases/access';
import { isPublicWindow } from './halls';
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

/** 一事一评: the citizen who submitted a closed case rates it, once. */
export async function rateCase({ ctx, input: { id: caseId, body } }: CitizenArgs<{ id: number; body: RateBody }>): Promise<RatingView> {
  const { db, now, actor: citizen } = ctx;
  const rules = await handlingRules(db);
  try {
    return await withTransaction(db, async (tx) => {
      const c = await caseForCitizen(tx, caseId, citizen);
      const existing = await tx.select({ id: ratings.id }).from(ratings).where(eq(ratings.caseId, c.id)).get();
      if (existing) throw alreadyRated('这件诉求已经评价过了');
      if (c.state !== 'closed') {
        throw new AppError('TRANSITION_NOT_ALLOWED', 409, '诉求办结后才能评价', {
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
      await tx.insert(caseEvents).values({
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
    .leftJoin(staffUsers, eq(staffUsers.id, followUps.staffId));
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
            title: row.caseTitle!,
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

async function followUpForStaff(exec: Executor, id: number, staff: Staff): Promise<FollowUpRow> {
  const row = await followUpQuery(exec).where(eq(followUps.id, id)).get();
  if (!row || !staffMaySee(staff, { departmentId: row.f.departmentId ?? -1, ownerId: row.caseOwnerId }))
    throw new NotFoundError('没有找到这条回访');
  return row;
}

/** Record the result of a 回访: once. */
export async function recordFollowUp({ ctx, input: { id, result } }: StaffArgs<{ id: number; result: string }>): Promise<FollowUpView> {
  const { db, now, actor: staff } = ctx;
  ensureHandler(staff);
  await withTransaction(db, async (tx) => {
    const row = await followUpForStaff(tx, id, staff);
    const done = () => new AppError('FOLLOW_UP_DONE', 409, '这条回访已经记录过结果', { doneAt: row.f.doneAt });
    if (row.f.status === 'done') throw done();
    const nowIso = now.toISOString();
    const updated = await tx
      .update(followUps)
      .set({ status: 'done', result, doneAt: nowIso, staffId: staff.id })
      .where(and(eq(followUps.id, id), eq(followUps.status, 'open')))
      .returning({ id: followUps.id });
    if (updated.length === 0) throw done();
    // The rated case's audit trail records the follow-up (staff only).
    if (row.caseId !== null) {
      await tx.insert(caseEvents).values({
        caseId: row.caseId,
        at: nowIso,
        actorType: 'staff',
        actorId: staff.id,
        action: 'follow_up',
        fromState: row.caseState,
        toState: row.caseState,
        visibility: 'internal',
        body: result,
        data: { followUpId: id, ratingId: row.r.id },
      });
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
      await tx.insert(caseEvents).values({
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
