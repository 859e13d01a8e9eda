import {
  maskPersonalNumbers,
  availableActions,
  caseActionLabels,
  caseStateLabels,
  deadlineStatus,
  localDate,
  reopenDeadline,
  addWorkingDays,
  endOfLocalDay,
  type CaseActor,
  type CaseEventView,
  type CaseList,
  type CaseSummary,
  type CitizenCase,
  type InboxCounts,
  type InboxQuery,
  type InboxScope,
  type Paged,
  type ScopeCounts,
  type StaffCase,
  type WorkCalendar,
} from '@zw/shared';
import { and, asc, count, desc, eq, gt, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { caseEvents, cases, departments, followUps, ratings, serviceItems, serviceWindows, staffUsers, uploads } from '../../db/schema';
import type { Staff } from '../../lib/context';
import { AppError } from '../../lib/errors';
import type { CitizenArgs, ServiceContext, StaffArgs } from '../../lib/service';
import { caseReminders } from '../notifications/subscriptions';
import { handlingRules } from '../settings';
import { caseForCitizen, caseForStaff, type CaseRow } from './access';
import { photoUrl } from './photos';

/** What building a view needs: the database, the request's time and the key that signs photo links. */
type ViewContext = Pick<ServiceContext, 'db' | 'config' | 'now'>;

const OPEN_STATES = ['submitted', 'transferred', 'accepted', 'in_progress', 'awaiting_supplement'] as const;

const eventLabels: Record<string, string> = {
  ...caseActionLabels,
  submit: '提交诉求',
  note: '内部备注',
  chase: '督办',
  reveal_contact: '查看联系方式',
  rate: '评价',
  follow_up: '回访',
  follow_up_public: '回访',
  follow_up_assign: '指派回访',
  appeal: '申诉',
  auto_close: '自动办结',
};

/** 帮办代办: the first event of a case staff recorded says how it reached us. */
const recordLabels: Record<string, string> = { counter: '窗口代为登记', phone: '电话代为登记' };

function labelOf(action: string, data: Record<string, unknown> | null): string {
  if (action === 'record') return recordLabels[String(data?.channel)] ?? '代为登记';
  return eventLabels[action] ?? action;
}

type TargetRef = Pick<CaseRow, 'targetType' | 'targetId'>;
const targetKey = (t: TargetRef) => `${t.targetType}:${t.targetId}`;

/**
 * The names of the targets (department, item, window) of a set of cases, in one
 * query whatever the number of rows: a UNION ALL over the three tables, each
 * narrowed to the ids the rows name. Keyed by `type:id`.
 */
async function targetNames(db: Db, rows: TargetRef[]): Promise<Map<string, string>> {
  const ids = (type: TargetRef['targetType']) => [...new Set(rows.filter((r) => r.targetType === type).map((r) => r.targetId))];
  const parts: SQL[] = [];
  const [deptIds, itemIds, windowIds] = [ids('department'), ids('item'), ids('window')];
  if (deptIds.length) {
    parts.push(
      sql`SELECT 'department' AS type, ${departments.id} AS id, ${departments.name} AS name FROM ${departments} WHERE ${inArray(departments.id, deptIds)}`,
    );
  }
  if (itemIds.length) {
    parts.push(
      sql`SELECT 'item' AS type, ${serviceItems.id} AS id, ${serviceItems.name} AS name FROM ${serviceItems} WHERE ${inArray(serviceItems.id, itemIds)}`,
    );
  }
  if (windowIds.length) {
    parts.push(
      sql`SELECT 'window' AS type, ${serviceWindows.id} AS id, ${serviceWindows.number} || ' ' || ${serviceWindows.name} AS name FROM ${serviceWindows} WHERE ${inArray(serviceWindows.id, windowIds)}`,
    );
  }
  if (!parts.length) return new Map();
  const found = await db.all<{ type: string; id: number; name: string }>(sql.join(parts, sql` UNION ALL `));
  return new Map(found.map((r) => [`${r.type}:${r.id}`, r.name]));
}

function common(c: CaseRow, deptName: string, target: string, calendar: WorkCalendar, now: Date) {
  return {
    id: c.id,
    trackingNo: c.trackingNo,
    type: c.type,
    state: c.state,
    stateLabel: caseStateLabels[c.state],
    title: c.title,
    target: { type: c.targetType, id: c.targetId, name: target },
    department: { id: c.departmentId, name: deptName },
    receivedAt: c.receivedAt,
    dueAt: c.dueAt,
    deadlineStatus: deadlineStatus({ dueAt: c.dueAt, now: now.toISOString(), state: c.state }, calendar),
    answeredAt: c.answeredAt,
    closedAt: c.closedAt,
  };
}

async function details({ db, config, now }: ViewContext, c: CaseRow, viewer: 'citizen' | 'staff') {
  const [dept, targets, events, photos, rating, followUp] = await Promise.all([
    db.select({ name: departments.name }).from(departments).where(eq(departments.id, c.departmentId)).get(),
    targetNames(db, [c]),
    db
      .select({ e: caseEvents, staffName: staffUsers.displayName, staffDept: departments.name })
      .from(caseEvents)
      .leftJoin(staffUsers, and(eq(caseEvents.actorType, 'staff'), eq(staffUsers.id, caseEvents.actorId)))
      .leftJoin(departments, eq(departments.id, staffUsers.departmentId))
      .where(viewer === 'citizen' ? and(eq(caseEvents.caseId, c.id), eq(caseEvents.visibility, 'public')) : eq(caseEvents.caseId, c.id))
      .orderBy(asc(caseEvents.id)),
    db.select().from(uploads).where(eq(uploads.caseId, c.id)).orderBy(asc(uploads.createdAt)),
    db.select().from(ratings).where(eq(ratings.caseId, c.id)).get(),
    // The public part of a recorded 回访 on this case's rating (the internal record stays on the staff trail).
    db
      .select({ doneAt: followUps.doneAt, outcome: followUps.outcome, publicNote: followUps.publicNote, rectified: followUps.rectified })
      .from(followUps)
      .innerJoin(ratings, eq(ratings.id, followUps.ratingId))
      .where(and(eq(ratings.caseId, c.id), eq(followUps.status, 'done')))
      .get(),
  ]);
  const timeline: CaseEventView[] = events.map(({ e, staffName, staffDept }) => ({
    id: e.id,
    at: e.at,
    action: e.action,
    label: labelOf(e.action, (e.data as Record<string, unknown> | null) ?? null),
    // Citizens see the department, not the name of the civil servant; staff see who did what.
    actor:
      e.actorType === 'citizen'
        ? viewer === 'citizen'
          ? '您'
          : '群众'
        : e.actorType === 'system'
          ? '系统'
          : viewer === 'citizen'
            ? (staffDept ?? '工作人员')
            : (staffName ?? '工作人员'),
    body: e.body,
    visibility: e.visibility,
    // Before/after snapshots are for the audit trail; citizens get only what the label needs.
    data:
      viewer === 'staff'
        ? (e.data ?? null)
        : e.action === 'transfer'
          ? { toDepartment: (e.data as Record<string, unknown> | null)?.toDepartment ?? null }
          : null,
  }));
  const photoViews = await Promise.all(
    photos.map(async (p) => ({ id: p.id, width: p.width, height: p.height, url: await photoUrl(config, p.id, now) })),
  );
  return {
    deptName: dept?.name ?? '',
    target: targets.get(targetKey(c)) ?? '',
    followUp:
      followUp?.doneAt != null
        ? {
            doneAt: followUp.doneAt,
            // Follow-ups recorded before outcomes existed were all calls that got through.
            outcome: followUp.outcome ?? ('reached' as const),
            publicNote: followUp.publicNote,
            rectified: followUp.rectified,
          }
        : null,
    timeline,
    photos: photoViews,
    rating: rating ? { level: rating.level, comment: rating.comment, createdAt: rating.createdAt } : null,
  };
}

/** What both the citizen and the staff view show; they differ in the timeline, the actions and the extras. */
async function caseView(ctx: ViewContext, c: CaseRow, viewer: 'citizen' | 'staff', actor: CaseActor): Promise<CitizenCase> {
  const { now } = ctx;
  const { calendar, reopenWindowDays } = await handlingRules(ctx.db);
  const d = await details(ctx, c, viewer);
  const actions: string[] = availableActions(c, actor, now.toISOString(), reopenWindowDays);
  // Rating is not a state change, so the state machine does not offer it: the citizen may rate once, as soon as answered.
  if (viewer === 'citizen' && isRateable(c.state) && !d.rating) actions.push('rate');
  return {
    ...common(c, d.deptName, d.target, calendar, now),
    content: c.content,
    anonymous: c.anonymous,
    photos: d.photos,
    timeline: d.timeline,
    rating: d.rating,
    availableActions: actions,
    reopenUntil: c.answeredAt && (c.state === 'answered' || c.state === 'closed') ? reopenDeadline(c.answeredAt, reopenWindowDays) : null,
    channel: c.channel,
    followUp: d.followUp,
    // The citizen's reminders (开启提醒 on the case page); staff do not subscribe for a citizen.
    reminders: viewer === 'citizen' ? await caseReminders(ctx.db, ctx.config, c) : { channel: 'none', needsConsent: [] },
  };
}

/** The citizen's view of a row that passed the access check (a helper of the verbs, not a verb). */
export function citizenView(ctx: ViewContext, c: CaseRow): Promise<CitizenCase> {
  return caseView(ctx, c, 'citizen', { kind: 'citizen', isOwner: true, inCaseDepartment: false });
}

/** The staff view of a row, for `ctx.actor` (a helper of the verbs, not a verb). */
export async function staffView(ctx: ViewContext & { actor: Staff }, c: CaseRow): Promise<StaffCase> {
  const { db, actor: staff } = ctx;
  const [view, owner] = await Promise.all([
    caseView(ctx, c, 'staff', {
      kind: 'staff',
      isOwner: c.ownerId === staff.id,
      inCaseDepartment: c.departmentId === staff.departmentId,
    }),
    c.ownerId
      ? db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, c.ownerId)).get()
      : null,
  ]);
  return {
    ...view,
    contactName: c.contactName,
    contactPhoneMasked: c.contactPhoneMasked,
    owner: owner ?? null,
    extensionUsed: c.extensionUsed,
    chaseCount: c.chaseCount,
    lastChasedAt: c.lastChasedAt,
  };
}

/** GET /api/cases/{id}: the citizen's own case, with its public timeline. */
export async function getCitizenCase({ ctx, input: { id } }: CitizenArgs<{ id: number }>): Promise<CitizenCase> {
  return citizenView(ctx, await caseForCitizen(ctx.db, id, ctx.actor));
}

/** GET /api/staff/cases/{id}: a case this staff member may see (staffMaySee), with internal notes. */
export async function getStaffCase({ ctx, input: { id } }: StaffArgs<{ id: number }>): Promise<StaffCase> {
  return staffView(ctx, await caseForStaff(ctx.db, id, ctx.actor));
}

const summaryColumns = {
  c: cases,
  deptName: departments.name,
  ownerName: staffUsers.displayName,
  ratingId: ratings.id,
};

/** Answered and closed cases may be rated (一事一评), once. */
const isRateable = (state: CaseRow['state']) => state === 'answered' || state === 'closed';

export const REPLY_EXCERPT_MAX = 60;

/** The first non-empty line of a reply, cut to REPLY_EXCERPT_MAX characters (an ellipsis marks a cut). */
export function replyExcerptOf(body: string | null): string | null {
  const line = body
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return null;
  const chars = [...line];
  return chars.length <= REPLY_EXCERPT_MAX ? line : `${chars.slice(0, REPLY_EXCERPT_MAX - 1).join('')}…`;
}

type SummaryRow = {
  c: CaseRow;
  deptName: string;
  ownerName: string | null;
  ratingId: number | null;
  targetName: string;
  reply: string | null;
};

/**
 * One page of case summaries: ids first, from `cases` alone, so SQLite walks
 * an index in deadline order and stops after the page; then those rows with
 * their department, owner and rating; then, for the page together, the target
 * names and the latest public reply of answered and closed cases (two
 * queries, in parallel). Joining first made it sort every open case.
 */
async function pageOfSummaries(db: Db, where: SQL | undefined, order: SQL[], page: number, pageSize: number): Promise<SummaryRow[]> {
  const ids = (
    await db
      .select({ id: cases.id })
      .from(cases)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await db
    .select(summaryColumns)
    .from(cases)
    .innerJoin(departments, eq(departments.id, cases.departmentId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.ownerId))
    .leftJoin(ratings, eq(ratings.caseId, cases.id))
    .where(inArray(cases.id, ids));
  const answered = rows.filter((r) => isRateable(r.c.state)).map((r) => r.c.id);
  const [names, replies] = await Promise.all([
    targetNames(
      db,
      rows.map((r) => r.c),
    ),
    latestReplies(db, answered),
  ]);
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...r, targetName: names.get(targetKey(r.c)) ?? '', reply: replies.get(id) ?? null }] : [];
  });
}

/** The body of the latest public reply of each case (one query, by the case_events(case_id, id) index). */
async function latestReplies(db: Db, caseIds: number[]): Promise<Map<number, string | null>> {
  if (!caseIds.length) return new Map();
  const latest = db
    .select({ id: sql<number>`max(${caseEvents.id})` })
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.action, 'reply'), eq(caseEvents.visibility, 'public')))
    .groupBy(caseEvents.caseId);
  const rows = await db.select({ caseId: caseEvents.caseId, body: caseEvents.body }).from(caseEvents).where(inArray(caseEvents.id, latest));
  return new Map(rows.map((r) => [r.caseId, r.body]));
}

function summaryOf(r: SummaryRow, calendar: WorkCalendar, now: Date): CaseSummary {
  const answered = isRateable(r.c.state);
  return {
    ...common(r.c, r.deptName, r.targetName, calendar, now),
    // A list is seen over shoulders and in screenshots: numbers typed into a title are masked.
    title: maskPersonalNumbers(r.c.title),
    channel: r.c.channel,
    replyExcerpt: answered ? replyExcerptOf(r.reply) : null,
    // 待评价: answered or closed and not rated yet (rating is open as soon as a case is answered).
    awaitingRating: answered && r.ratingId === null,
    anonymous: r.c.anonymous,
    contactPhoneMasked: r.c.contactPhoneMasked,
    ownerName: r.ownerName,
    chaseCount: r.c.chaseCount,
  };
}

const isSupervisor = (staff: Staff) => staff.role === 'supervisor' || staff.role === 'admin';

/** Which cases a scope covers for this staff member; throws for a scope their role may not use. */
function scopeFilter(staff: Staff, scope: InboxScope, department: number | undefined): SQL[] {
  if (staff.role === 'editor') throw new AppError('FORBIDDEN', 403, '编辑人员不处理诉求');
  if (scope === 'all' && !isSupervisor(staff)) throw new AppError('FORBIDDEN', 403, '只有督办人员可以查看全部部门的诉求');
  if (scope === 'mine') return [eq(cases.ownerId, staff.id)];
  if (scope === 'department') {
    if (isSupervisor(staff) && department) return [eq(cases.departmentId, department)];
    if (staff.departmentId === null) return [sql`0`];
    // The department's cases; a case someone owns is always in their department
    // (a transfer clears the owner), and scope=mine lists owned cases anyway.
    return [eq(cases.departmentId, staff.departmentId)];
  }
  return department ? [eq(cases.departmentId, department)] : [];
}

/** "Due soon" = due by the end of the next working day. */
function soonLimitOf(nowIso: string, calendar: WorkCalendar): string {
  return endOfLocalDay(addWorkingDays(localDate(nowIso), 1, calendar));
}

/** Open, overdue and due-soon cases of one scope in one indexed pass. Paused cases (待补正) are neither overdue nor due soon. */
async function scopeCounts(db: Db, scope: SQL[], nowIso: string, soonLimit: string): Promise<ScopeCounts> {
  const row = await db
    .select({
      open: count(),
      overdue: sql<number>`coalesce(sum(CASE WHEN ${cases.dueAt} <= ${nowIso} AND ${cases.state} <> 'awaiting_supplement' THEN 1 ELSE 0 END), 0)`,
      dueSoon: sql<number>`coalesce(sum(CASE WHEN ${cases.dueAt} > ${nowIso} AND ${cases.dueAt} <= ${soonLimit} AND ${cases.state} <> 'awaiting_supplement' THEN 1 ELSE 0 END), 0)`,
    })
    .from(cases)
    .where(and(...scope, inArray(cases.state, [...OPEN_STATES])))
    .get();
  return { open: row?.open ?? 0, overdue: Number(row?.overdue ?? 0), dueSoon: Number(row?.dueSoon ?? 0) };
}

/**
 * The staff inbox: open cases by nearest deadline first. Due-soon and overdue
 * are computed from due_at at read time, so no timer has to have run.
 */
export async function inbox({ ctx, input: q }: StaffArgs<InboxQuery>): Promise<CaseList> {
  const { db, now, actor: staff } = ctx;
  const { calendar } = await handlingRules(db);
  const scope = scopeFilter(staff, q.scope, q.department);

  const filters: SQL[] = [...scope];
  if (q.state === 'open') filters.push(inArray(cases.state, [...OPEN_STATES]));
  else if (q.state !== 'all') filters.push(eq(cases.state, q.state));
  if (q.type) filters.push(eq(cases.type, q.type));
  const nowIso = now.toISOString();
  const soonLimit = soonLimitOf(nowIso, calendar);
  // Paused cases (待补正) are not overdue while the citizen holds them.
  if (q.overdue === true) filters.push(lte(cases.dueAt, nowIso), ne(cases.state, 'awaiting_supplement'));
  if (q.overdue === false) filters.push(or(gt(cases.dueAt, nowIso), eq(cases.state, 'awaiting_supplement'))!);
  if (q.dueSoon === true) filters.push(gt(cases.dueAt, nowIso), lte(cases.dueAt, soonLimit), ne(cases.state, 'awaiting_supplement'));
  if (q.dueSoon === false) filters.push(or(lte(cases.dueAt, nowIso), gt(cases.dueAt, soonLimit), eq(cases.state, 'awaiting_supplement'))!);
  if (q.trackingNo) filters.push(eq(cases.trackingNo, q.trackingNo));

  const where = and(...filters);
  const counts = await scopeCounts(db, scope, nowIso, soonLimit);
  // The common views need no second count: all open, or open and overdue, in the same scope.
  const plainOpen = q.state === 'open' && !q.type && !q.trackingNo && q.dueSoon === undefined;
  const total =
    plainOpen && q.overdue === undefined
      ? counts.open
      : plainOpen && q.overdue === true
        ? counts.overdue
        : ((await db.select({ n: count() }).from(cases).where(where).get())?.n ?? 0);
  const rows = await pageOfSummaries(db, where, [asc(cases.dueAt), asc(cases.id)], q.page, q.pageSize);
  return { data: rows.map((r) => summaryOf(r, calendar, now)), page: q.page, pageSize: q.pageSize, total, counts };
}

/** The numbers on the inbox tabs: each scope this staff member may use, counted the same way as the inbox. */
export async function inboxCounts({ ctx }: StaffArgs): Promise<InboxCounts> {
  const { db, now, actor: staff } = ctx;
  if (staff.role === 'editor') throw new AppError('FORBIDDEN', 403, '编辑人员不处理诉求');
  const { calendar } = await handlingRules(db);
  const nowIso = now.toISOString();
  const soonLimit = soonLimitOf(nowIso, calendar);
  const [mine, department, all] = await Promise.all([
    scopeCounts(db, scopeFilter(staff, 'mine', undefined), nowIso, soonLimit),
    staff.departmentId === null ? null : scopeCounts(db, scopeFilter(staff, 'department', undefined), nowIso, soonLimit),
    isSupervisor(staff) ? scopeCounts(db, scopeFilter(staff, 'all', undefined), nowIso, soonLimit) : null,
  ]);
  return { mine, department, all };
}

export async function myCases({
  ctx,
  input: { page, pageSize },
}: CitizenArgs<{ page: number; pageSize: number }>): Promise<Paged<CaseSummary>> {
  const { db, now, actor: citizen } = ctx;
  const { calendar } = await handlingRules(db);
  const where = eq(cases.citizenId, citizen.id);
  const [rows, total] = await Promise.all([
    pageOfSummaries(db, where, [desc(cases.receivedAt), desc(cases.id)], page, pageSize),
    db.select({ n: count() }).from(cases).where(where).get(),
  ]);
  // Citizens do not need to know which civil servant owns their case.
  return { data: rows.map((r) => ({ ...summaryOf(r, calendar, now), ownerName: null })), page, pageSize, total: total?.n ?? 0 };
}
