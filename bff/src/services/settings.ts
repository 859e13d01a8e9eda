import {
  makeCalendar,
  defaultDeadlineRules,
  DEFAULT_REOPEN_WINDOW_DAYS,
  FOLLOW_UP_MAX_ATTEMPTS,
  type DeadlineRule,
  type MessageType,
  type WorkCalendar,
} from '@zw/shared';
import type { Db } from '../db/client';
import { calendarDays, deadlineRules, settings } from '../db/schema';
import { DEFAULT_FOLLOW_UP_DAYS } from '../db/seed/calendar';

/**
 * The small settings an admin may change (PUT /api/admin/settings/{key}): each is a
 * whole number in the `settings` table, its range and its default defined here
 * once. A yes/no or a choice is a number too (1 = on / the default rule, 0 = off / the
 * other), so every setting is validated and shown the same way.
 */
export const adminSettings = {
  /** Natural days after the answer during which a citizen may ask to reopen. */
  reopenWindowDays: { min: 0, max: 30, fallback: DEFAULT_REOPEN_WINDOW_DAYS, label: '申请重新办理的期限（自然日）' },
  /** Working days to complete a 回访 after a bad rating (15 in some provinces, 5 in others). */
  followUpDays: { min: 1, max: 30, fallback: DEFAULT_FOLLOW_UP_DAYS, label: '差评回访期限（工作日）' },
  /** Days after which published content not reviewed again is listed as stale (a quarter by default). */
  staleAfterDays: { min: 1, max: 3650, fallback: 90, label: '内容核对周期（自然日）' },
  /** 1: an answered case is closed by the sweep once the reopen window passed; 0: it stays answered until staff close it. */
  autoCloseAnswered: { min: 0, max: 1, fallback: 1, label: '答复后到期自动办结（1 开启，0 关闭）' },
  /** The citizen who has not rated is invited once, this many natural days after the answer. */
  ratingInviteDays: { min: 1, max: 30, fallback: 3, label: '答复后未评价多少天邀请评价（自然日）' },
  /** A 回访 may be recorded as 无法联系 only after this many calls (at most what one record may carry). */
  followUpMinTries: { min: 1, max: FOLLOW_UP_MAX_ATTEMPTS, fallback: 3, label: '回访记为无法联系前至少拨打次数' },
  /** 1 (full): a reopened case gets the full time limit again, from the reopen day; 0 (keep): it keeps its original dueAt. */
  reopenDeadline: { min: 0, max: 1, fallback: 1, label: '重新办理的办理期限（1 重新计算，0 沿用原期限）' },
} as const;
export type AdminSettingKey = keyof typeof adminSettings;
export type SettingValues = Record<AdminSettingKey, number>;
export const adminSettingKeys = Object.keys(adminSettings) as [AdminSettingKey, ...AdminSettingKey[]];

/** `reopenDeadline`: 1 recomputes the time limit from the reopen day (0 keeps the original dueAt). */
export const REOPEN_DEADLINE_FULL = 1;

/**
 * The stored values, defaults filled in. A value outside its range (written by hand,
 * or before the range was narrowed) counts as unset; a yes/no stored as JSON true/false
 * (as `autoCloseAnswered` once was) reads as 1/0.
 */
export function settingValues(rows: { key: string; value: unknown }[]): SettingValues {
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const values = {} as SettingValues;
  for (const key of adminSettingKeys) {
    const { min, max, fallback } = adminSettings[key];
    let v = stored.get(key);
    if (typeof v === 'boolean' && min === 0 && max === 1) v = v ? 1 : 0;
    values[key] = typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
  }
  return values;
}

/**
 * The calendar, rules and settings change a few times a year, and every submission and
 * inbox read needs them: cache per database for a minute, and drop the cache
 * when an admin changes them in this process (every admin write calls invalidateHandlingRules).
 */
export type HandlingRules = Cached;
type Cached = SettingValues & { calendar: WorkCalendar; rules: DeadlineRule[]; loadedAt: number };
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
  const loaded: Cached = {
    ...settingValues(rows),
    calendar: makeCalendar({
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
    }),
    rules: rules.length ? rules.map((r) => ({ type: r.type, days: r.days, unit: r.unit })) : [...defaultDeadlineRules],
    loadedAt: Date.now(),
  };
  cache.set(db, loaded);
  return loaded;
}

/** The admin settings alone (cached with the rules above). */
export async function getSettings(db: Db): Promise<SettingValues> {
  const loaded = await handlingRules(db);
  return Object.fromEntries(adminSettingKeys.map((k) => [k, loaded[k]])) as SettingValues;
}

export function invalidateHandlingRules(db: object): void {
  cache.delete(db);
}

export function ruleFor(rules: DeadlineRule[], type: MessageType): DeadlineRule {
  return rules.find((r) => r.type === type) ?? defaultDeadlineRules.find((r) => r.type === type)!;
}
