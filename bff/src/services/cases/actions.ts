import {
  beijingDate,
  checkTransition,
  computeDueAt,
  extendDueAt,
  mayAct,
  restartAfterSupplement,
  transitionErrorMessages,
  type CaseAction,
  type CitizenActionBody,
  type CitizenCase,
  type StaffActionBody,
  type StaffCase,
} from '@zw/shared';
import { and, eq } from 'drizzle-orm';
import { cases, departments } from '../../db/schema';
import { withTransaction, type Executor } from '../../db/tx';
import { AppError } from '../../lib/errors';
import type { AppConfig } from '../../lib/ports';
import { appendCaseEvent } from '../trail';
import type { CitizenArgs, StaffArgs, StaffContext } from '../../lib/service';
import { notifyCitizen, notifyStaff } from '../notifications/notify';
import { handlingRules, REOPEN_DEADLINE_FULL, ruleFor } from '../settings';
import { caseForCitizen, caseForStaff, type CaseRow } from './access';
import { citizenView, staffView } from './views';

type Changes = Partial<typeof cases.$inferInsert>;
type Event = { action: string; visibility: 'public' | 'internal'; body?: string | null; data?: Record<string, unknown> };

/** Refuse an action the state machine does not allow now: 409 naming the transition. */
function assertTransition(c: CaseRow, action: CaseAction, now: Date, reopenWindowDays: number) {
  const result = checkTransition({
    state: c.state,
    action,
    type: c.type,
    extensionUsed: c.extensionUsed,
    answeredAt: c.answeredAt,
    now: now.toISOString(),
    reopenWindowDays,
  });
  if (!result.ok) {
    throw new AppError(result.code, 409, transitionErrorMessages[result.code], { action, from: c.state, transition: result.transition });
  }
  return result.to;
}

/** Write the change and its audit event (before/after of every changed field) together. */
async function apply(
  tx: Executor,
  c: CaseRow,
  actor: { type: 'citizen' | 'staff'; id: number },
  to: CaseRow['state'],
  changes: Changes,
  event: Event,
  deps: { now: Date; config: AppConfig },
) {
  const nowIso = deps.now.toISOString();
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (k === 'updatedAt') continue;
    before[k] = (c as Record<string, unknown>)[k];
    after[k] = v;
  }
  if (to !== c.state) {
    before.state = c.state;
    after.state = to;
  }
  // The event and the change in one path (services/trail.ts). Optimistic guard: the row must still be
  // in the state we checked (a second writer elsewhere loses cleanly, its event rolled back with it).
  const { updated } = await appendCaseEvent(
    tx,
    deps.config,
    {
      caseId: c.id,
      at: nowIso,
      actorType: actor.type,
      actorId: actor.id,
      action: event.action,
      fromState: c.state,
      toState: to,
      visibility: event.visibility,
      body: event.body ?? null,
      data: { ...(event.data ?? {}), before, after },
    },
    { set: { ...changes, state: to, updatedAt: nowIso }, where: and(eq(cases.state, c.state), eq(cases.updatedAt, c.updatedAt)) },
  );
  if (!updated) throw new AppError('CONFLICT', 409, '这件诉求刚刚被其他人处理过，请刷新后再试');
}

/**
 * Performs a staff action and returns the case as the action left it. The
 * person who acted sees that view even when they can no longer open the case
 * (after a transfer): it is the result of their own action, and "it moved to
 * 人社局" must not look like "there is no such case".
 */
export async function staffAction({ ctx, input: { id, body } }: StaffArgs<{ id: number; body: StaffActionBody }>): Promise<StaffCase> {
  // Read before the write transaction (cached), so the writer is held no longer than needed.
  const rules = await handlingRules(ctx.db);
  const row = await withTransaction(ctx.db, async (tx) => {
    await applyStaffAction(tx, rules, ctx, id, body);
    return rowAfter(tx, id);
  });
  return staffView(ctx, row);
}

/** The row as a write in this transaction left it. */
async function rowAfter(tx: Executor, id: number): Promise<CaseRow> {
  const after = await tx.select().from(cases).where(eq(cases.id, id)).get();
  if (!after) throw new AppError('CONFLICT', 409, '这件诉求刚刚被其他人处理过，请刷新后再试');
  return after;
}

type Rules = Awaited<ReturnType<typeof handlingRules>>;

async function applyStaffAction(
  tx: Executor,
  { calendar, reopenWindowDays }: Rules,
  deps: Pick<StaffContext, 'now' | 'actor' | 'config'>,
  caseId: number,
  input: StaffActionBody,
): Promise<void> {
  const staff = deps.actor;
  const c = await caseForStaff(tx, caseId, staff);
  const actor = { kind: 'staff' as const, isOwner: c.ownerId === staff.id, inCaseDepartment: c.departmentId === staff.departmentId };
  const to = assertTransition(c, input.action, deps.now, reopenWindowDays);
  if (!mayAct(input.action, c.state, actor)) {
    const who = input.action === 'accept' || input.action === 'reject' ? '本部门工作人员' : '承办人';
    throw new AppError('FORBIDDEN', 403, `只有${who}可以进行此操作`, { action: input.action });
  }
  const nowIso = deps.now.toISOString();
  const by = { type: 'staff' as const, id: staff.id };
  const ref = { id: c.id, trackingNo: c.trackingNo, title: c.title, citizenId: c.citizenId };

  switch (input.action) {
    case 'accept':
      // 首问负责: whoever accepts owns the case until it is formally transferred.
      return apply(tx, c, by, to, { ownerId: staff.id }, { action: 'accept', visibility: 'public' }, deps);
    case 'start':
      return apply(tx, c, by, to, {}, { action: 'start', visibility: 'public' }, deps);
    case 'reply': {
      await apply(
        tx,
        c,
        by,
        to,
        { answeredAt: nowIso, firstReplyAt: c.firstReplyAt ?? nowIso },
        { action: 'reply', visibility: 'public', body: input.body },
        deps,
      );
      await notifyCitizen(tx, deps, 'case_answered', ref, { answeredAt: nowIso });
      return;
    }
    case 'request_supplement':
      // 依申请公开 Art. 30: tell everything missing at once; the clock stops until the reply.
      await apply(
        tx,
        c,
        by,
        to,
        { pausedAt: nowIso, firstReplyAt: c.firstReplyAt ?? nowIso },
        { action: 'request_supplement', visibility: 'public', body: input.body },
        deps,
      );
      // The list itself is on the case page; a notice only says that something is needed.
      return notifyCitizen(tx, deps, 'case_supplement_requested', ref, { at: nowIso, detail: null });
    case 'extend': {
      const dueAt = extendDueAt(c.dueAt, input.days, calendar);
      await apply(
        tx,
        c,
        by,
        to,
        { dueAt, extensionUsed: true },
        { action: 'extend', visibility: 'public', body: input.reason, data: { days: input.days } },
        deps,
      );
      return notifyCitizen(tx, deps, 'case_extended', ref, { at: nowIso, detail: beijingDate(dueAt) });
    }
    case 'transfer': {
      if (input.departmentId === c.departmentId) {
        throw new AppError('VALIDATION_FAILED', 400, '不能转办给本部门', {
          issues: [{ field: 'body.departmentId', message: '不能转办给本部门' }],
        });
      }
      const target = await tx
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(eq(departments.id, input.departmentId))
        .get();
      if (!target)
        throw new AppError('VALIDATION_FAILED', 400, '转办部门不存在', { issues: [{ field: 'body.departmentId', message: '部门不存在' }] });
      // The clock keeps running across a transfer: the citizen's wait does not restart.
      await apply(
        tx,
        c,
        by,
        to,
        { departmentId: target.id, ownerId: null },
        { action: 'transfer', visibility: 'public', body: input.reason, data: { toDepartment: target.name } },
        deps,
      );
      await notifyCitizen(tx, deps, 'case_transferred', ref, { at: nowIso, detail: target.name });
      await notifyStaff(tx, deps, 'case_assigned', {
        id: c.id,
        trackingNo: c.trackingNo,
        type: c.type,
        departmentId: target.id,
        dueAt: c.dueAt,
        ownerId: null,
      });
      return;
    }
    case 'reject':
      await apply(
        tx,
        c,
        by,
        to,
        { closedAt: nowIso, firstReplyAt: c.firstReplyAt ?? nowIso },
        { action: 'reject', visibility: 'public', body: input.reason },
        deps,
      );
      return notifyCitizen(tx, deps, 'case_rejected', ref, { at: nowIso, detail: input.reason });
    case 'close':
      return apply(tx, c, by, to, { closedAt: nowIso }, { action: 'close', visibility: 'public' }, deps);
  }
}

/** 补正 or 申请重新办理; returns the citizen's view of the case afterwards. */
export async function citizenAction({
  ctx,
  input: { id, body },
}: CitizenArgs<{ id: number; body: CitizenActionBody }>): Promise<CitizenCase> {
  const { db, now, actor: citizen } = ctx;
  const { calendar, rules, reopenWindowDays, reopenDeadline } = await handlingRules(db);
  const row = await withTransaction(db, async (tx) => {
    const c = await caseForCitizen(tx, id, citizen);
    const to = assertTransition(c, body.action, now, reopenWindowDays);
    const nowIso = now.toISOString();
    const by = { type: 'citizen' as const, id: citizen.id };
    if (body.action === 'supplement') {
      // Art. 30: the time limit counts again from the day the supplement arrives (never earlier than before).
      const dueAt = restartAfterSupplement(nowIso, ruleFor(rules, c.type), calendar, c.dueAt);
      await apply(tx, c, by, to, { dueAt, pausedAt: null }, { action: 'supplement', visibility: 'public', body: body.body }, ctx);
    } else {
      // Reopened: handled again by the same owner. Setting reopenDeadline: 1 (default) the full time limit
      // again from the reopen day, 0 the original dueAt (which may already have passed).
      const due = reopenDeadline === REOPEN_DEADLINE_FULL ? { dueAt: computeDueAt(nowIso, ruleFor(rules, c.type), calendar) } : {};
      await apply(
        tx,
        c,
        by,
        to,
        { ...due, closedAt: null, reopenCount: c.reopenCount + 1 },
        { action: 'reopen', visibility: 'public', body: body.reason },
        ctx,
      );
    }
    return rowAfter(tx, id);
  });
  return citizenView(ctx, row);
}

/** Internal note: staff only, never on the citizen's timeline. Returns the staff view with the note. */
export async function addNote({ ctx, input: { id, body } }: StaffArgs<{ id: number; body: string }>): Promise<StaffCase> {
  const { db, now, actor: staff } = ctx;
  const row = await withTransaction(db, async (tx) => {
    const c = await caseForStaff(tx, id, staff);
    await appendCaseEvent(tx, ctx.config, {
      caseId: c.id,
      at: now.toISOString(),
      actorType: 'staff',
      actorId: staff.id,
      action: 'note',
      fromState: c.state,
      toState: c.state,
      visibility: 'internal',
      body,
    });
    return c;
  });
  return staffView(ctx, row);
}

/** 督办: a supervisor chases a case; recorded and shown to the handler. Returns the staff view. */
export async function chase({ ctx, input: { id, body } }: StaffArgs<{ id: number; body: string }>): Promise<StaffCase> {
  const { db, now, actor: staff } = ctx;
  if (staff.role !== 'supervisor' && staff.role !== 'admin') throw new AppError('FORBIDDEN', 403, '只有督办人员可以督办');
  const row = await withTransaction(db, async (tx) => {
    const c = await caseForStaff(tx, id, staff);
    if (c.state === 'closed' || c.state === 'rejected') {
      throw new AppError('TRANSITION_NOT_ALLOWED', 409, '已办结的诉求无需督办', {
        action: 'chase',
        from: c.state,
        transition: `${c.state}→chase`,
      });
    }
    const nowIso = now.toISOString();
    await appendCaseEvent(
      tx,
      ctx.config,
      {
        caseId: c.id,
        at: nowIso,
        actorType: 'staff',
        actorId: staff.id,
        action: 'chase',
        fromState: c.state,
        toState: c.state,
        visibility: 'internal',
        body,
        data: { dueAt: c.dueAt },
      },
      { set: { lastChasedAt: nowIso, chaseCount: c.chaseCount + 1 } },
    );
    // 督办 reaches the handler (or, while nobody owns the case, the department's staff).
    await notifyStaff(tx, ctx, 'case_chased', c);
    return rowAfter(tx, id);
  });
  return staffView(ctx, row);
}
