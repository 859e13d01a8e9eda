import { z } from 'zod';
import { MessageType } from './cases/types';
import { DateOnly, IdParam, PageQuery, paged } from './common';

/*
 * 好差评 (国办发〔2019〕51号): five levels; 一事一评 online (a closed case), 一次一评 at a
 * hall window (once per citizen, window and Beijing-local day). A bad rating opens a
 * 回访 (follow-up) with its own working-day deadline; a wrongful bad rating may be appealed.
 * Statistics are published per department: aggregates only, never personal data.
 */

// ---------------------------------------------------------------- levels

export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** Levels at or below this are 差评 and get a follow-up visit. */
export const BAD_RATING_MAX = 2;
/** Levels at or above this are 好评 and count towards 满意率. */
export const GOOD_RATING_MIN = 4;

export const RatingLevel = z
  .number({ error: '请选择评价等级' })
  .int({ error: '评价等级为 1 到 5 的整数' })
  .min(RATING_MIN, { error: '评价等级为 1 到 5 的整数' })
  .max(RATING_MAX, { error: '评价等级为 1 到 5 的整数' });
export type RatingLevel = z.infer<typeof RatingLevel>;

export const ratingLevelLabels: Readonly<Record<number, string>> = {
  1: '非常不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意',
};

export function ratingLabel(level: number): string {
  return ratingLevelLabels[level] ?? String(level);
}
export const isBadRating = (level: number): boolean => level <= BAD_RATING_MAX;
export const isGoodRating = (level: number): boolean => level >= GOOD_RATING_MIN;

export const RATING_COMMENT_MAX = 500;

/** One schema for the rating form and the server. An empty comment is no comment. */
export const RateBody = z.object({
  level: RatingLevel,
  comment: z
    .string({ error: '评价内容应为文字' })
    .trim()
    .max(RATING_COMMENT_MAX, { error: `评价内容不能超过 ${RATING_COMMENT_MAX} 字` })
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type RateBody = z.infer<typeof RateBody>;

/** A rating as the citizen who gave it sees it. */
export const RatingView = z.object({
  id: z.number().int(),
  level: z.number().int(),
  levelLabel: z.string(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  /** One of caseId / windowId is set: 一事一评 or 一次一评. */
  caseId: z.number().int().nullable(),
  windowId: z.number().int().nullable(),
  /** Local date of the window visit; null for a case rating. */
  visitDate: z.string().nullable(),
});
export type RatingView = z.infer<typeof RatingView>;

/** What staff see: the department it counts for and whether it was appealed. */
export const StaffRatingView = RatingView.extend({
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  appealed: z.boolean(),
  appealReason: z.string().nullable(),
  appealedAt: z.string().nullable(),
});
export type StaffRatingView = z.infer<typeof StaffRatingView>;

// ---------------------------------------------------------------- follow-ups (回访) and appeals

export const FollowUpStatus = z.enum(['open', 'done'], { error: '回访状态应为 open 或 done' });
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

/** reached: spoke to the citizen; unreachable: gave up after the configured number of tries. */
export const FollowUpOutcome = z.enum(['reached', 'unreachable'], { error: '回访结果应为 reached（已联系上）或 unreachable（无法联系）' });
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

/** What the citizen reads about a 回访 when staff wrote no public note of their own. */
export const followUpPublicText: Record<FollowUpOutcome, string> = {
  reached: '工作人员已就您的评价进行电话回访。',
  unreachable: '工作人员多次电话回访未能联系上您。',
};

export const FOLLOW_UP_MAX_ATTEMPTS = 10;
export const FOLLOW_UP_NOTE_MAX = 500;

/**
 * Whether text carries a mainland mobile number (11 digits) or a resident ID number
 * (18 characters): such text must not be published on the citizen's case. Full-width
 * digits and separators between digits (138 0013 8000, 138-0013-8000) are seen through.
 */
export function containsPersonalNumber(text: string): boolean {
  const flat = text.normalize('NFKC').replace(/(?<=\d)[\s\-－—.]+(?=\d)/g, '');
  return /(?<!\d)1[3-9]\d{9}(?!\d)/.test(flat) || /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/.test(flat);
}

/**
 * Message text as a list shows it (inbox cards, rating lists, notices): mobile numbers
 * as 138****8000 and resident ID numbers as 110101********1234. The full text stays on
 * the case itself, for the people allowed to open it.
 */
export function maskPersonalNumbers(text: string): string {
  // Matched on the text as typed (full-width digits included) so that nothing else in it changes.
  return text
    .replace(
      /(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])([0-9０-９]{6})[0-9０-９]{8}([0-9０-９]{3}[0-9０-９XxＸｘ])(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])/g,
      '$1********$2',
    )
    .replace(/(?<![0-9０-９])([1１][3-9３-９][0-9０-９])[0-9０-９]{4}([0-9０-９]{4})(?![0-9０-９])/g, '$1****$2');
}

export const FollowUpView = z.object({
  id: z.number().int(),
  status: FollowUpStatus,
  dueAt: z.string(),
  /** Derived on read: the deadline passed while still open. */
  overdue: z.boolean(),
  createdAt: z.string(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  rating: StaffRatingView,
  /** The rated case (一事一评), with the contact as staff lists show it (masked). */
  case: z
    .object({
      id: z.number().int(),
      trackingNo: z.string(),
      title: z.string(),
      anonymous: z.boolean(),
      contactName: z.string().nullable(),
      contactPhoneMasked: z.string().nullable(),
    })
    .nullable(),
  /** The rated window (一次一评). */
  window: z.object({ id: z.number().int(), number: z.string(), name: z.string() }).nullable(),
  result: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** Who recorded the result. */
  staff: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Who must make the call; null: anyone of the department (or a supervisor). */
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Set once recorded. */
  outcome: FollowUpOutcome.nullable(),
  attempts: z.number().int(),
  citizenView: z.string().nullable(),
  rectified: z.boolean().nullable(),
  /** What the citizen reads on their case. */
  publicNote: z.string().nullable(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const FollowUpQuery = PageQuery.extend({
  status: FollowUpStatus.optional(),
  /** Supervisors and admins: one department only. */
  department: IdParam.optional(),
});
export type FollowUpQuery = z.infer<typeof FollowUpQuery>;

export const FollowUpList = paged(FollowUpView);
export type FollowUpList = z.infer<typeof FollowUpList>;

/**
 * The outcome of a 回访. `result` is the internal record (staff only); `publicNote` is
 * what the citizen reads on their case, so it may not carry phone or ID numbers.
 * Whether `unreachable` has been tried often enough is a setting the server checks.
 */
export const FollowUpResultBody = z
  .object({
    outcome: FollowUpOutcome,
    attempts: z
      .number({ error: '请填写联系次数' })
      .int({ error: '联系次数应为整数' })
      .min(1, { error: '联系次数至少为 1 次' })
      .max(FOLLOW_UP_MAX_ATTEMPTS, { error: `联系次数不能超过 ${FOLLOW_UP_MAX_ATTEMPTS} 次` }),
    /** The citizen's view after the call; required when they were reached. */
    citizenView: z
      .string({ error: '群众意见应为文字' })
      .trim()
      .max(500, { error: '群众意见不能超过 500 字' })
      .optional()
      .transform((v) => (v ? v : undefined)),
    rectified: z.boolean({ error: '请选择是否已整改' }),
    publicNote: z
      .string({ error: '公开说明应为文字' })
      .trim()
      .max(FOLLOW_UP_NOTE_MAX, { error: `公开说明不能超过 ${FOLLOW_UP_NOTE_MAX} 字` })
      .refine((v) => !containsPersonalNumber(v), { error: '公开说明会展示给群众，不能包含手机号或身份证号' })
      .optional()
      .transform((v) => (v ? v : undefined)),
    result: z
      .string({ error: '请填写回访记录' })
      .trim()
      .min(2, { error: '请填写回访记录（至少 2 个字）' })
      .max(1000, { error: '回访记录不能超过 1000 字' }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'reached' && !v.citizenView)
      ctx.addIssue({ code: 'custom', path: ['citizenView'], message: '已联系上群众时，请填写群众意见' });
  });
export type FollowUpResultBody = z.infer<typeof FollowUpResultBody>;

/** Assign a 回访 to a supervisor, or to staff of the follow-up's department. */
export const FollowUpAssignBody = z.object({
  staffId: z.number({ error: '请选择回访人员' }).int({ error: '请选择回访人员' }).positive({ error: '请选择回访人员' }),
});
export type FollowUpAssignBody = z.infer<typeof FollowUpAssignBody>;

export const AppealBody = z.object({
  reason: z
    .string({ error: '请填写申诉理由' })
    .trim()
    .min(2, { error: '请填写申诉理由（至少 2 个字）' })
    .max(1000, { error: '申诉理由不能超过 1000 字' }),
});
export type AppealBody = z.infer<typeof AppealBody>;

// ---------------------------------------------------------------- statistics

/** Longest period one request may cover (a leap year). */
export const STATS_MAX_DAYS = 366;

/**
 * Period in Beijing-local dates, both ends included. Defaults (applied by the server,
 * which knows what day it is): from the first of the current month to today.
 */
export const StatsQuery = z
  .object({
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    department: IdParam.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['from'] });
export type StatsQuery = z.infer<typeof StatsQuery>;

/** A share, or null when there is nothing to divide by (never NaN). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

const count = z.number().int();
const rate = z.number().min(0).max(1).nullable();

/** Cases received in the period by how they reached the office, and how many of those are closed. */
const channelCounts = z.object({ received: count, closed: count });
export const ChannelStats = z.object({ online: channelCounts, counter: channelCounts, phone: channelCounts });
export type ChannelStats = z.infer<typeof ChannelStats>;

export const RatingDistribution = z.object({ '1': count, '2': count, '3': count, '4': count, '5': count });
export type RatingDistribution = z.infer<typeof RatingDistribution>;

/**
 * One department's figures for a period. Counts are given beside each rate so a
 * reader can check it (and totals are sums of counts, not averages of rates).
 *
 * - received: cases received in the period (any state, rejected included)
 * - closed: of those, closed now; closedRate 办结率 = closed / received
 * - closedOnTime: closed with closedAt ≤ dueAt; onTimeRate 按时办结率 = closedOnTime / closed
 * - replyDue: of those received, cases that had a first reply or are past their deadline;
 *   timelyReplies: first reply at or before the deadline; timelyReplyRate 反馈及时率 = timelyReplies / replyDue
 * - ratings given in the period (case and window); goodRatings (4–5); satisfactionRate 满意率 = goodRatings / ratings
 * - followUps opened in the period; followUpsDone; followUpRate 回访率 = followUpsDone / followUps
 * - overdueNow: open cases (submitted, transferred, accepted, in_progress) past their deadline now, whenever received
 * - byChannel: received and closed as above, per channel (online / counter / phone)
 */
export const DepartmentStats = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  received: count,
  rejected: count,
  closed: count,
  closedRate: rate,
  closedOnTime: count,
  onTimeRate: rate,
  replyDue: count,
  timelyReplies: count,
  timelyReplyRate: rate,
  ratings: count,
  goodRatings: count,
  satisfactionRate: rate,
  ratingDistribution: RatingDistribution,
  followUps: count,
  followUpsDone: count,
  followUpRate: rate,
  overdueNow: count,
  /** received and closed split by channel: online, recorded at the counter, recorded on the phone (帮办代办). */
  byChannel: ChannelStats,
});
export type DepartmentStats = z.infer<typeof DepartmentStats>;

/** The sum over the listed departments. */
export const TotalStats = DepartmentStats.omit({ departmentId: true, departmentName: true });
export type TotalStats = z.infer<typeof TotalStats>;

/** What anyone may see (政务公开): aggregates per department, nothing about a person or a case. */
export const PublicStats = z.object({
  from: z.string(),
  to: z.string(),
  /** overdueNow is as of this moment. */
  asOf: z.string(),
  departments: z.array(DepartmentStats),
  total: TotalStats,
});
export type PublicStats = z.infer<typeof PublicStats>;

export const TypeStats = z.object({
  type: MessageType,
  received: count,
  closed: count,
  closedRate: rate,
  closedOnTime: count,
  onTimeRate: rate,
  replyDue: count,
  timelyReplies: count,
  timelyReplyRate: rate,
  overdueNow: count,
});
export type TypeStats = z.infer<typeof TypeStats>;

/** One local day: cases received that day, and cases closed that day (whenever received). */
export const DailyStats = z.object({ date: z.string(), received: count, closed: count });
export type DailyStats = z.infer<typeof DailyStats>;

export const StaffStats = PublicStats.extend({
  /** Every message type, in the order of MessageType, zeros included. */
  byType: z.array(TypeStats),
  /** Every day of the period, zeros included, oldest first. */
  daily: z.array(DailyStats),
});
export type StaffStats = z.infer<typeof StaffStats>;
