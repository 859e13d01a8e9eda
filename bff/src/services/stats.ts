import {
  addCalendarDays,
  endOfLocalDay,
  isGoodRating,
  localDate,
  MessageType,
  ratio,
  STATS_MAX_DAYS,
  type ChannelStats,
  type DailyStats,
  type DepartmentStats,
  type PublicStats,
  type RatingDistribution,
  type StaffStats,
  type StatsQuery,
  type TotalStats,
  type TypeStats,
} from '@zw/shared';
import { and, asc, count, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, departments, followUps, ratings } from '../db/schema';
import type { Staff } from '../lib/context';
import { AppError, NotFoundError, ValidationError } from '../lib/errors';
import type { StaffArgs, VerbArgs } from '../lib/service';

/*
 * Statistics are computed in SQL with GROUP BY, a handful of queries per request
 * whatever the number of cases: the period is a range on cases(received_at)
 * (cases_received_idx), "overdue now" a range on cases(state, due_at)
 * (cases_state_due_idx), ratings a range on ratings(department_id, created_at).
 * JavaScript only folds the grouped rows (departments × types, at most a few
 * hundred) and fills the days of the period.
 *
 * Timestamps are stored as UTC ISO strings of one fixed shape (toISOString), so
 * comparing them as text compares them as instants.
 */

/** Open and still on the clock; 待补正 is paused, so never overdue. */
const OVERDUE_STATES = ['submitted', 'transferred', 'accepted', 'in_progress'] as const;

type Period = { from: string; to: string; start: string; end: string };

/** Local dates → UTC bounds: from 00:00:00.000 of `from` to 23:59:59.999 of `to`, Beijing time. */
function resolvePeriod(q: Pick<StatsQuery, 'from' | 'to'>, now: Date): Period {
  const today = localDate(now.toISOString());
  const to = q.to ?? today;
  const from = q.from ?? `${today.slice(0, 8)}01`;
  if (from > to) throw new ValidationError([{ field: 'query.from', message: '开始日期不能晚于结束日期' }]);
  if (addCalendarDays(from, STATS_MAX_DAYS - 1) < to) {
    throw new ValidationError([{ field: 'query.from', message: `统计区间不能超过 ${STATS_MAX_DAYS} 天` }]);
  }
  const start = new Date(Date.parse(endOfLocalDay(addCalendarDays(from, -1))) + 1).toISOString();
  return { from, to, start, end: endOfLocalDay(to) };
}

const n = (v: unknown): number => Number(v ?? 0);
const sumIf = (cond: SQL) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;

type CaseCounts = { received: number; rejected: number; closed: number; closedOnTime: number; replyDue: number; timelyReplies: number };
const zeroCases = (): CaseCounts => ({ received: 0, rejected: 0, closed: 0, closedOnTime: 0, replyDue: 0, timelyReplies: 0 });
const CASE_KEYS = Object.keys(zeroCases()) as Array<keyof CaseCounts>;
const addCases = (a: CaseCounts, b: CaseCounts) => {
  for (const k of CASE_KEYS) a[k] += b[k];
};

/** Cases received in the period, grouped by department, type and channel. */
async function periodCaseCounts(db: Db, p: Period, now: string, department: number | undefined) {
  const rows = await db
    .select({
      departmentId: cases.departmentId,
      type: cases.type,
      channel: cases.channel,
      received: count(),
      rejected: sumIf(sql`${cases.state} = 'rejected'`),
      closed: sumIf(sql`${cases.state} = 'closed'`),
      closedOnTime: sumIf(sql`${cases.state} = 'closed' AND ${cases.closedAt} <= ${cases.dueAt}`),
      // 反馈及时率: a first reply (答复, 补正告知 or 不予受理) by the deadline, out of the cases
      // that were answered or should have been by now.
      replyDue: sumIf(sql`${cases.firstReplyAt} IS NOT NULL OR ${cases.dueAt} < ${now}`),
      timelyReplies: sumIf(sql`${cases.firstReplyAt} IS NOT NULL AND ${cases.firstReplyAt} <= ${cases.dueAt}`),
    })
    .from(cases)
    .where(and(gte(cases.receivedAt, p.start), lte(cases.receivedAt, p.end), department ? eq(cases.departmentId, department) : undefined))
    .groupBy(cases.departmentId, cases.type, cases.channel);
  return rows.map((r) => ({
    departmentId: r.departmentId,
    type: r.type,
    channel: r.channel,
    counts: {
      received: n(r.received),
      rejected: n(r.rejected),
      closed: n(r.closed),
      closedOnTime: n(r.closedOnTime),
      replyDue: n(r.replyDue),
      timelyReplies: n(r.timelyReplies),
    },
  }));
}

/** Open cases past their deadline now, whenever received. */
async function overdueCounts(db: Db, now: string, department: number | undefined) {
  const rows = await db
    .select({ departmentId: cases.departmentId, type: cases.type, overdue: count() })
    .from(cases)
    .where(
      and(inArray(cases.state, [...OVERDUE_STATES]), lt(cases.dueAt, now), department ? eq(cases.departmentId, department) : undefined),
    )
    .groupBy(cases.departmentId, cases.type);
  return rows.map((r) => ({ departmentId: r.departmentId, type: r.type, overdue: n(r.overdue) }));
}

/** Ratings given in the period (case and window), by department and level. */
async function ratingCounts(db: Db, p: Period, department: number | undefined) {
  const rows = await db
    .select({ departmentId: ratings.departmentId, level: ratings.level, n: count() })
    .from(ratings)
    .where(
      and(gte(ratings.createdAt, p.start), lte(ratings.createdAt, p.end), department ? eq(ratings.departmentId, department) : undefined),
    )
    .groupBy(ratings.departmentId, ratings.level);
  return rows.map((r) => ({ departmentId: r.departmentId, level: r.level, n: n(r.n) }));
}

/** Follow-ups opened in the period, and how many of them are done. */
async function followUpCounts(db: Db, p: Period, department: number | undefined) {
  const rows = await db
    .select({ departmentId: followUps.departmentId, total: count(), done: sumIf(sql`${followUps.status} = 'done'`) })
    .from(followUps)
    .where(
      and(
        gte(followUps.createdAt, p.start),
        lte(followUps.createdAt, p.end),
        department ? eq(followUps.departmentId, department) : undefined,
      ),
    )
    .groupBy(followUps.departmentId);
  return rows.map((r) => ({ departmentId: r.departmentId, total: n(r.total), done: n(r.done) }));
}

const zeroChannels = (): ChannelStats => ({
  online: { received: 0, closed: 0 },
  counter: { received: 0, closed: 0 },
  phone: { received: 0, closed: 0 },
});
const CHANNELS = Object.keys(zeroChannels()) as Array<keyof ChannelStats>;

type Acc = CaseCounts & {
  byChannel: ChannelStats;
  ratings: number;
  goodRatings: number;
  distribution: RatingDistribution;
  followUps: number;
  followUpsDone: number;
  overdueNow: number;
};
const zeroAcc = (): Acc => ({
  ...zeroCases(),
  byChannel: zeroChannels(),
  ratings: 0,
  goodRatings: 0,
  distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
  followUps: 0,
  followUpsDone: 0,
  overdueNow: 0,
});

function totalsOf(a: Acc): TotalStats {
  return {
    received: a.received,
    rejected: a.rejected,
    closed: a.closed,
    closedRate: ratio(a.closed, a.received),
    closedOnTime: a.closedOnTime,
    onTimeRate: ratio(a.closedOnTime, a.closed),
    replyDue: a.replyDue,
    timelyReplies: a.timelyReplies,
    timelyReplyRate: ratio(a.timelyReplies, a.replyDue),
    ratings: a.ratings,
    goodRatings: a.goodRatings,
    satisfactionRate: ratio(a.goodRatings, a.ratings),
    ratingDistribution: a.distribution,
    followUps: a.followUps,
    followUpsDone: a.followUpsDone,
    followUpRate: ratio(a.followUpsDone, a.followUps),
    overdueNow: a.overdueNow,
    byChannel: a.byChannel,
  };
}

async function listedDepartments(db: Db, department: number | undefined) {
  const rows = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(department ? eq(departments.id, department) : undefined)
    .orderBy(asc(departments.sortOrder), asc(departments.id));
  if (department && rows.length === 0) throw new NotFoundError('没有找到这个部门');
  return rows;
}

async function compute(db: Db, now: Date, q: Pick<StatsQuery, 'from' | 'to'>, department: number | undefined) {
  const p = resolvePeriod(q, now);
  const nowIso = now.toISOString();
  const [depts, caseRows, overdueRows, ratingRows, followUpRows] = await Promise.all([
    listedDepartments(db, department),
    periodCaseCounts(db, p, nowIso, department),
    overdueCounts(db, nowIso, department),
    ratingCounts(db, p, department),
    followUpCounts(db, p, department),
  ]);

  const byDept = new Map<number, Acc>(depts.map((d) => [d.id, zeroAcc()]));
  for (const r of caseRows) {
    const a = byDept.get(r.departmentId);
    if (!a) continue;
    addCases(a, r.counts);
    const ch = a.byChannel[r.channel];
    ch.received += r.counts.received;
    ch.closed += r.counts.closed;
  }
  for (const r of overdueRows) {
    const a = byDept.get(r.departmentId);
    if (a) a.overdueNow += r.overdue;
  }
  for (const r of ratingRows) {
    const a = r.departmentId === null ? undefined : byDept.get(r.departmentId);
    if (!a) continue;
    a.ratings += r.n;
    if (isGoodRating(r.level)) a.goodRatings += r.n;
    const key = String(r.level) as keyof RatingDistribution;
    if (key in a.distribution) a.distribution[key] += r.n;
  }
  for (const r of followUpRows) {
    const a = r.departmentId === null ? undefined : byDept.get(r.departmentId);
    if (!a) continue;
    a.followUps += r.total;
    a.followUpsDone += r.done;
  }

  const total = zeroAcc();
  const departmentStats: DepartmentStats[] = depts.map((d) => {
    const a = byDept.get(d.id)!;
    addCases(total, a);
    total.ratings += a.ratings;
    total.goodRatings += a.goodRatings;
    for (const k of Object.keys(a.distribution) as Array<keyof RatingDistribution>) total.distribution[k] += a.distribution[k];
    total.followUps += a.followUps;
    total.followUpsDone += a.followUpsDone;
    total.overdueNow += a.overdueNow;
    for (const ch of CHANNELS) {
      total.byChannel[ch].received += a.byChannel[ch].received;
      total.byChannel[ch].closed += a.byChannel[ch].closed;
    }
    return { departmentId: d.id, departmentName: d.name, ...totalsOf(a) };
  });

  const stats: PublicStats = { from: p.from, to: p.to, asOf: nowIso, departments: departmentStats, total: totalsOf(total) };
  return { p, stats, caseRows, overdueRows };
}

/** GET /api/stats: what anyone may see (政务公开) — figures per department, nothing about a person or a case. */
export async function publicStats({ ctx: { db, now }, input: q }: VerbArgs<StatsQuery>): Promise<PublicStats> {
  return (await compute(db, now, q, q.department)).stats;
}

/**
 * Which department a staff member's figures cover: their own; supervisors and
 * admins all, or the one they ask for.
 */
function staffDepartment(staff: Staff, asked: number | undefined): number | undefined {
  if (staff.role === 'supervisor' || staff.role === 'admin') return asked;
  if (staff.role === 'editor' || staff.departmentId === null) throw new AppError('FORBIDDEN', 403, '没有可查看的部门统计');
  if (asked !== undefined && asked !== staff.departmentId) throw new AppError('FORBIDDEN', 403, '只能查看本部门的统计');
  return staff.departmentId;
}

/** Cases received and cases closed per local day of the period (for charts). */
async function dailySeries(db: Db, p: Period, department: number | undefined): Promise<DailyStats[]> {
  const receivedDay = sql<string>`date(${cases.receivedAt}, '+8 hours')`;
  const closedDay = sql<string>`date(${cases.closedAt}, '+8 hours')`;
  const dept = department ? eq(cases.departmentId, department) : undefined;
  const [received, closed] = await Promise.all([
    db
      .select({ day: receivedDay, n: count() })
      .from(cases)
      .where(and(gte(cases.receivedAt, p.start), lte(cases.receivedAt, p.end), dept))
      .groupBy(receivedDay),
    // Closings that day, whenever the case came in. A case is closed only after it was
    // received, so the received_at bound is implied; it lets the range index narrow the scan.
    db
      .select({ day: closedDay, n: count() })
      .from(cases)
      .where(and(eq(cases.state, 'closed'), gte(cases.closedAt, p.start), lte(cases.closedAt, p.end), lte(cases.receivedAt, p.end), dept))
      .groupBy(closedDay),
  ]);
  const receivedBy = new Map(received.map((r) => [r.day, n(r.n)]));
  const closedBy = new Map(closed.map((r) => [r.day, n(r.n)]));
  const out: DailyStats[] = [];
  for (let d = p.from; d <= p.to; d = addCalendarDays(d, 1)) {
    out.push({ date: d, received: receivedBy.get(d) ?? 0, closed: closedBy.get(d) ?? 0 });
  }
  return out;
}

/** GET /api/staff/stats: the public figures for the staff member's scope, with types and a daily series. */
export async function staffStats({ ctx: { db, now, actor: staff }, input: q }: StaffArgs<StatsQuery>): Promise<StaffStats> {
  const department = staffDepartment(staff, q.department);
  const { p, stats, caseRows, overdueRows } = await compute(db, now, q, department);
  const listed = new Set(stats.departments.map((d) => d.departmentId));
  const byType = new Map(MessageType.options.map((t) => [t, { counts: zeroCases(), overdue: 0 }]));
  for (const r of caseRows) {
    const t = byType.get(r.type);
    if (t && listed.has(r.departmentId)) addCases(t.counts, r.counts);
  }
  for (const r of overdueRows) {
    const t = byType.get(r.type);
    if (t && listed.has(r.departmentId)) t.overdue += r.overdue;
  }
  const types: TypeStats[] = [...byType].map(([type, { counts: c, overdue }]) => ({
    type,
    received: c.received,
    closed: c.closed,
    closedRate: ratio(c.closed, c.received),
    closedOnTime: c.closedOnTime,
    onTimeRate: ratio(c.closedOnTime, c.closed),
    replyDue: c.replyDue,
    timelyReplies: c.timelyReplies,
    timelyReplyRate: ratio(c.timelyReplies, c.replyDue),
    overdueNow: overdue,
  }));
  return { ...stats, byType: types, daily: await dailySeries(db, p, department) };
}
