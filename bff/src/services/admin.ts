import { beijingYear, defaultDeadlineRules, MessageType, type DeadlineUnit } from '@zw/shared';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { calendarDays, deadlineRules, settings } from '../db/schema';
import { withTransaction } from '../db/tx';
import { NotFoundError, ValidationError } from '../lib/errors';
import type { StaffArgs, StaffContext } from '../lib/service';
import { adminSettings, getSettings, invalidateHandlingRules, type AdminSettingKey, type SettingValues } from './settings';

/*
 * Admin upkeep of the working calendar, the time limits and the small settings.
 *
 * Every write drops the cached handling rules (settings.ts) after it commits, so
 * the next deadline computed in this process uses the change at once (other
 * processes within a minute, when their cache expires).
 *
 * Only new deadlines are affected: cases already received keep the dueAt they were
 * given (it is stored, and the citizen was told it). A change never re-dates them.
 */

export type CalendarDayRow = typeof calendarDays.$inferSelect;

/** Every change is logged with who made it (the request id comes with the request's logger). */
function logChange(ctx: StaffContext, change: Record<string, unknown>) {
  ctx.logger.info({ staffId: ctx.actor.id, ...change }, 'admin change');
}

/** One year's entries (this Beijing year when none is asked for), by date. */
export async function listCalendar({
  ctx,
  input,
}: StaffArgs<{ year?: number | undefined }>): Promise<{ year: number; data: CalendarDayRow[] }> {
  const year = input.year ?? beijingYear(ctx.now);
  const data = await ctx.db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
    .orderBy(asc(calendarDays.date));
  return { year, data };
}

/** A holiday on a weekday, or a 调休 working weekend; replaces whatever the date had (source becomes 'admin'). */
export async function putCalendarDay({
  ctx,
  input,
}: StaffArgs<{ date: string; kind: 'holiday' | 'workday'; name: string }>): Promise<CalendarDayRow> {
  const { db } = ctx;
  const { date } = input;
  const row: CalendarDayRow = { date, kind: input.kind, name: input.name, source: 'admin', updatedAt: ctx.now.toISOString() };
  await withTransaction(db, (tx) =>
    tx
      .insert(calendarDays)
      .values(row)
      .onConflictDoUpdate({
        target: calendarDays.date,
        set: { kind: row.kind, name: row.name, source: row.source, updatedAt: row.updatedAt },
      }),
  );
  invalidateHandlingRules(db);
  logChange(ctx, { change: 'calendar', date, kind: row.kind });
  return row;
}

/**
 * Removes the entry for a date, which then follows the plain Mon–Fri rule. Official
 * (chinese-days) entries may be removed too; re-running the seed would put those back,
 * so to overrule an official day for good, PUT the other kind instead.
 */
export async function deleteCalendarDay({ ctx, input: { date } }: StaffArgs<{ date: string }>): Promise<void> {
  const { db } = ctx;
  const deleted = await withTransaction(db, (tx) =>
    tx.delete(calendarDays).where(eq(calendarDays.date, date)).returning({ date: calendarDays.date }),
  );
  if (deleted.length === 0) throw new NotFoundError('这一天没有设置节假日或调休');
  invalidateHandlingRules(db);
  logChange(ctx, { change: 'calendar', date, kind: null });
}

export type DeadlineRuleRow = { type: MessageType; days: number; unit: DeadlineUnit; updatedAt: string | null };

/** Every message type, in the order of MessageType; a type without a stored rule shows its default (updatedAt null). */
export async function listDeadlineRules({ ctx }: StaffArgs): Promise<{ data: DeadlineRuleRow[] }> {
  const stored = await ctx.db.select().from(deadlineRules);
  const data = MessageType.options.map((type): DeadlineRuleRow => {
    const s = stored.find((r) => r.type === type);
    if (s) return { type, days: s.days, unit: s.unit, updatedAt: s.updatedAt };
    const d = defaultDeadlineRules.find((r) => r.type === type)!;
    return { type, days: d.days, unit: d.unit, updatedAt: null };
  });
  return { data };
}

export async function putDeadlineRule({
  ctx,
  input,
}: StaffArgs<{ type: MessageType; days: number; unit: DeadlineUnit }>): Promise<DeadlineRuleRow> {
  const { db } = ctx;
  const { type } = input;
  const updatedAt = ctx.now.toISOString();
  await withTransaction(db, (tx) =>
    tx
      .insert(deadlineRules)
      .values({ type, days: input.days, unit: input.unit, updatedAt })
      .onConflictDoUpdate({ target: deadlineRules.type, set: { days: input.days, unit: input.unit, updatedAt } }),
  );
  invalidateHandlingRules(db);
  logChange(ctx, { change: 'deadline-rule', type, days: input.days, unit: input.unit });
  return { type, days: input.days, unit: input.unit, updatedAt };
}

export async function getAdminSettings({ ctx }: StaffArgs): Promise<SettingValues> {
  return getSettings(ctx.db);
}

/** One setting, within its range (400 naming the range otherwise). */
export async function putSetting({
  ctx,
  input: { key, value },
}: StaffArgs<{ key: AdminSettingKey; value: number }>): Promise<SettingValues> {
  const { db } = ctx;
  const range = adminSettings[key];
  if (value < range.min || value > range.max) {
    const message =
      range.min === 0 && range.max === 1 ? `${range.label}只能填 1 或 0` : `${range.label}应在 ${range.min} 到 ${range.max} 之间`;
    throw new ValidationError([{ field: 'body.value', message }]);
  }
  const updatedAt = ctx.now.toISOString();
  await withTransaction(db, (tx) =>
    tx.insert(settings).values({ key, value, updatedAt }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } }),
  );
  invalidateHandlingRules(db);
  logChange(ctx, { change: 'setting', key, value });
  return getSettings(db);
}
