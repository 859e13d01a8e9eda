import { z } from 'zod';
import { DateOnly } from '../common';
import { addCalendarDays, endOfLocalDay, fromDayNumber, localDate, parseTimestamp, toDayNumber } from '../time';
import type { CaseState, DeadlineRule } from './types';
import { MAX_EXTENSION_DAYS } from './types';

/*
 * Deadline arithmetic for Asia/Shanghai (UTC+8 all year, no DST since 1991).
 *
 * Everything here works on 'YYYY-MM-DD' strings and ISO timestamps with an explicit
 * offset. We never ask the JS engine for local time: the BFF may run in UTC and the
 * mini-program on a phone set to any zone, and both must compute the same deadline.
 * Dates become day numbers (days since 1970-01-01) so arithmetic is plain integers.
 */

/** More consecutive non-working days than this means the calendar is wrong, not that we should keep looking. */
const MAX_SCAN_DAYS = 3660;

// ---------------------------------------------------------------- calendar

/**
 * `workdays` are 调休 weekends that are working days; `holidays` are statutory days off.
 * A date is a working day if in `workdays`; else not if in `holidays`; else Mon–Fri.
 */
export type WorkCalendar = {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
};

/** The calendar as the operator stores and edits it (it changes every year). */
export const WorkCalendarData = z.object({
  holidays: z.array(DateOnly),
  workdays: z.array(DateOnly),
});
export type WorkCalendarData = z.infer<typeof WorkCalendarData>;

export function makeCalendar(data: { holidays: readonly string[]; workdays: readonly string[] }): WorkCalendar {
  // Parse each date now so a typo in the operator's list fails here, not deep inside a deadline.
  for (const d of [...data.holidays, ...data.workdays]) toDayNumber(d);
  return { holidays: new Set(data.holidays), workdays: new Set(data.workdays) };
}

/** Plain Mon–Fri, for tests and for a county that has not loaded its calendar yet. */
export const WEEKDAYS_ONLY: WorkCalendar = makeCalendar({ holidays: [], workdays: [] });

// ---------------------------------------------------------------- dates and timestamps

// The pure date helpers live in time.ts (zod-free, so the mini-program's main package reads them
// through '@zw/shared/time' without zod); re-exported here, where the deadline code has always had them.
export { addCalendarDays, endOfLocalDay, localDate, parseTimestamp };

// ---------------------------------------------------------------- working days

function isWorkingDayNumber(n: number, cal: WorkCalendar): boolean {
  const date = fromDayNumber(n);
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  return isWorkingDayNumber(toDayNumber(date), cal);
}

/** The first working day strictly after day number `n`. */
function nextWorkingDayNumber(n: number, cal: WorkCalendar): number {
  for (let i = 1; i <= MAX_SCAN_DAYS; i++) {
    if (isWorkingDayNumber(n + i, cal)) return n + i;
  }
  throw new RangeError(`工作日历在 ${fromDayNumber(n)} 之后连续 ${MAX_SCAN_DAYS} 天没有工作日，请检查节假日设置`);
}

/**
 * The n-th working day strictly after `date` (the start day is never counted).
 * n = 0 gives `date` itself if it is a working day, else the next working day.
 */
export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日天数必须是非负整数：${n}`);
  let day = toDayNumber(date);
  if (n === 0) return isWorkingDayNumber(day, cal) ? date : fromDayNumber(nextWorkingDayNumber(day, cal));
  for (let i = 0; i < n; i++) day = nextWorkingDayNumber(day, cal);
  return fromDayNumber(day);
}

/** Working days in (a, b]: after a, up to and including b. Zero when b ≤ a. */
export function workingDaysBetween(a: string, b: string, cal: WorkCalendar): number {
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  let count = 0;
  for (let n = from + 1; n <= to; n++) if (isWorkingDayNumber(n, cal)) count++;
  return count;
}

// ---------------------------------------------------------------- deadlines

/**
 * When a case received at `receivedAtIso` must be answered. The day of receipt is not
 * counted: a 3-working-day case received at any time on Monday is due at the end of Thursday.
 * A natural-day limit that ends on a day off moves to the next working day.
 */
export function computeDueAt(receivedAtIso: string, rule: Pick<DeadlineRule, 'days' | 'unit'>, cal: WorkCalendar): string {
  const received = localDate(receivedAtIso);
  const dueDay =
    rule.unit === 'working' ? addWorkingDays(received, rule.days, cal) : addWorkingDays(addCalendarDays(received, rule.days), 0, cal);
  return endOfLocalDay(dueDay);
}

/**
 * 条例 Art. 30: once the applicant supplies what was missing, the full limit runs again
 * from the supplement's date. Pass the deadline in force before the pause to guarantee the
 * pause never shortens it (possible only if the case had been extended before the pause).
 */
export function restartAfterSupplement(
  supplementedAtIso: string,
  rule: Pick<DeadlineRule, 'days' | 'unit'>,
  cal: WorkCalendar,
  previousDueAt?: string | null,
): string {
  const restarted = computeDueAt(supplementedAtIso, rule, cal);
  if (previousDueAt && parseTimestamp(previousDueAt) > parseTimestamp(restarted)) {
    return new Date(parseTimestamp(previousDueAt)).toISOString();
  }
  return restarted;
}

/** Extension (依申请公开 only, once): the end of the `days`-th working day after the current deadline day. */
export function extendDueAt(dueAtIso: string, days: number, cal: WorkCalendar): string {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
    throw new RangeError(`延期天数必须是 1 到 ${MAX_EXTENSION_DAYS} 的整数：${days}`);
  }
  return endOfLocalDay(addWorkingDays(localDate(dueAtIso), days, cal));
}

export type DeadlineStatus = 'on_track' | 'due_soon' | 'overdue' | 'paused' | 'none';

/** Cases whose clock has stopped for good (until a reopen starts a new round). */
const CLOCK_STOPPED: ReadonlySet<CaseState> = new Set<CaseState>(['answered', 'closed', 'rejected']);

/**
 * Derived on every read, never stored, so it can't go stale.
 * 'due_soon' when the deadline day is today or the next working day, so a Friday
 * view already warns about a case due on Monday.
 */
export function deadlineStatus(input: { dueAt: string | null; now: string; state: CaseState }, cal: WorkCalendar): DeadlineStatus {
  if (CLOCK_STOPPED.has(input.state)) return 'none';
  if (input.state === 'awaiting_supplement') return 'paused';
  if (!input.dueAt) return 'none';
  if (parseTimestamp(input.now) > parseTimestamp(input.dueAt)) return 'overdue';
  const today = localDate(input.now);
  const dueDay = toDayNumber(localDate(input.dueAt));
  // `<=` rather than `===`: a deadline on a day off before the next working day is just as close.
  return dueDay <= toDayNumber(addWorkingDays(today, 1, cal)) ? 'due_soon' : 'on_track';
}

/**
 * Working days left after today until the deadline day: 0 when due today, 1 when due on
 * the next working day. Negative once overdue: -2 means two working days past the deadline day.
 */
export function remainingWorkingDays(dueAt: string, now: string, cal: WorkCalendar): number {
  const today = localDate(now);
  const dueDay = localDate(dueAt);
  if (parseTimestamp(now) <= parseTimestamp(dueAt)) return workingDaysBetween(today, dueDay, cal);
  return 0 - workingDaysBetween(dueDay, today, cal); // 0 - 0 is +0, so callers never see -0
}
