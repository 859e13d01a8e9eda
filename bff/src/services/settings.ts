import {
  makeCalendar,
  defaultDeadlineRules,
  DEFAULT_REOPEN_WINDOW_DAYS,
  type DeadlineRule,
  type MessageType,
  type WorkCalendar,
} from '@zw/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Executor } from '../db/tx';
import { calendarDays, deadlineRules, settings } from '../db/schema';
import { DEFAULT_FOLLOW_UP_DAYS } from '../db/seed/calendar';

/**
 * The calendar and rules change a few times a year, and every submission and
 * inbox read needs them: cache per database for a minute, and drop the cache
 * when an admin changes them in this process.
 */
export type HandlingRules = Cached;
type Cached = { calendar: WorkCalendar; rules: DeadlineRule[]; reopenWindowDays: number; followUpDays: number; loadedAt: number };
const cache = new WeakMap<object, Cached>();
const TTL_MS = 60_000;

/** Pass the database, not a transaction: the cache is per database handle. */
export async function handlingRules(db: Db): Promise<Cached> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit;
  const [days, rules, rows] = await Promise.all([
    db.select().from(calendarDays),
    db.select().from(deadlineRules),
    db.select().from(settings),
  ]);
  const setting = (key: string, fallback: number) => {
    const v = rows.find((r) => r.key === key)?.value;
    return typeof v === 'number' ? v : fallback;
  };
  const loaded: Cached = {
    calendar: makeCalendar({
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
    }),
    rules: rules.length ? rules.map((r) => ({ type: r.type, days: r.days, unit: r.unit })) : [...defaultDeadlineRules],
    reopenWindowDays: setting('reopenWindowDays', DEFAULT_REOPEN_WINDOW_DAYS),
    followUpDays: setting('followUpDays', DEFAULT_FOLLOW_UP_DAYS),
    loadedAt: Date.now(),
  };
  cache.set(db, loaded);
  return loaded;
}

export function invalidateHandlingRules(db: object): void {
  cache.delete(db);
}

export function ruleFor(rules: DeadlineRule[], type: MessageType): DeadlineRule {
  return rules.find((r) => r.type === type) ?? defaultDeadlineRules.find((r) => r.type === type)!;
}

// ---------------------------------------------------------------- 回访: tries before "unreachable" (issue 11)

/** A 回访 may be recorded as 无法联系 only after this many calls (setting `followUpMinTries`). */
export const DEFAULT_FOLLOW_UP_MIN_TRIES = 3;

/** Read when a 回访 is recorded (rare), so it is not cached: an admin's change applies at once. */
export async function followUpMinTries(db: Executor): Promise<number> {
  const row = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'followUpMinTries')).get();
  const v = row?.value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : DEFAULT_FOLLOW_UP_MIN_TRIES;
}
