import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS_ONLY,
  WorkCalendarData,
  addCalendarDays,
  addWorkingDays,
  computeDueAt,
  deadlineStatus,
  endOfLocalDay,
  extendDueAt,
  isWorkingDay,
  localDate,
  makeCalendar,
  parseTimestamp,
  remainingWorkingDays,
  restartAfterSupplement,
  workingDaysBetween,
} from './deadlines';
import { type DeadlineRule, DeadlineRule as DeadlineRuleSchema, DeadlineRuleSet, deadlineRuleFor, defaultDeadlineRules } from './types';

/**
 * The State Council's 2026 arrangement, as the `chinese-days` package (1.5.7) reports it.
 * Note 中秋 falls on Friday 2026-09-25 this year, a week before 国庆; the 调休 working
 * weekends are Sunday 09-20 and Saturday 10-10.
 */
const CAL_2026 = makeCalendar({
  holidays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03', // 元旦
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23', // 春节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06', // 清明
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05', // 劳动节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21', // 端午
    '2026-09-25',
    '2026-09-26',
    '2026-09-27', // 中秋
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07', // 国庆
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
});

const rule = (days: number, unit: DeadlineRule['unit'] = 'working') => ({ days, unit });
/** A Shanghai wall-clock time as the UTC timestamp the database stores. */
const sh = (date: string, time: string) => new Date(`${date}T${time}+08:00`).toISOString();

describe('dates and time zones', () => {
  it('take the Shanghai date of a timestamp, whatever the machine zone', () => {
    expect(localDate('2026-09-29T15:30:00.000Z')).toBe('2026-09-29'); // 23:30 in Shanghai
    expect(localDate('2026-09-29T16:00:00.000Z')).toBe('2026-09-30'); // midnight
    expect(localDate('2026-09-30T00:30:00+08:00')).toBe('2026-09-30');
    expect(localDate('2026-09-29T12:30:00-04:00')).toBe('2026-09-30');
    expect(localDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });

  it('give the end of a Shanghai day in UTC', () => {
    expect(endOfLocalDay('2026-09-30')).toBe('2026-09-30T15:59:59.999Z');
    expect(endOfLocalDay('2027-01-01')).toBe('2027-01-01T15:59:59.999Z');
    expect(localDate(endOfLocalDay('2026-02-28'))).toBe('2026-02-28');
  });

  it('refuse timestamps without a zone and dates that do not exist', () => {
    expect(() => localDate('2026-09-25T10:00:00')).toThrow(RangeError);
    expect(() => localDate('2026-09-25')).toThrow(RangeError);
    expect(() => localDate('2026-02-30T10:00:00Z')).toThrow(RangeError);
    expect(() => endOfLocalDay('2026-9-3')).toThrow(RangeError);
    expect(() => makeCalendar({ holidays: ['2026-13-01'], workdays: [] })).toThrow(RangeError);
  });

  it('read fractional seconds as digits', () => {
    expect(parseTimestamp('2026-01-01T00:00:00.57Z')).toBe(Date.UTC(2026, 0, 1) + 570);
    expect(parseTimestamp('2026-01-01T00:00:00.123456789Z')).toBe(Date.UTC(2026, 0, 1) + 123);
    expect(parseTimestamp('2026-01-01T08:00+08:00')).toBe(Date.UTC(2026, 0, 1));
  });

  it('add calendar days across months and years', () => {
    expect(addCalendarDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});

describe('working days with the 2026 calendar', () => {
  it('know 调休 weekends and holidays', () => {
    expect(isWorkingDay('2026-09-20', CAL_2026)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2026-10-10', CAL_2026)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-09-25', CAL_2026)).toBe(false); // Friday, 中秋
    expect(isWorkingDay('2026-10-07', CAL_2026)).toBe(false); // Wednesday, 国庆
    expect(isWorkingDay('2026-10-11', CAL_2026)).toBe(false); // plain Sunday
    expect(isWorkingDay('2026-10-09', CAL_2026)).toBe(true);
  });

  it('let a working weekend win when a date is in both lists', () => {
    const cal = makeCalendar({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] });
    expect(isWorkingDay('2026-10-10', cal)).toBe(true);
  });

  it('count the n-th working day strictly after a date', () => {
    expect(addWorkingDays('2026-09-30', 1, CAL_2026)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, CAL_2026)).toBe('2026-10-10');
    expect(addWorkingDays('2026-10-01', 0, CAL_2026)).toBe('2026-10-08'); // holiday → next working day
    expect(addWorkingDays('2026-10-09', 0, CAL_2026)).toBe('2026-10-09');
    expect(addWorkingDays('2025-12-31', 1, CAL_2026)).toBe('2026-01-04'); // Sunday 调休 after 元旦
    expect(() => addWorkingDays('2026-10-09', -1, CAL_2026)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-09', 1.5, CAL_2026)).toThrow(RangeError);
  });

  it('count working days in (a, b]', () => {
    expect(workingDaysBetween('2026-09-24', '2026-10-10', CAL_2026)).toBe(6);
    expect(workingDaysBetween('2026-09-30', '2026-10-07', CAL_2026)).toBe(0);
    expect(workingDaysBetween('2026-10-09', '2026-10-09', CAL_2026)).toBe(0);
    expect(workingDaysBetween('2026-10-09', '2026-09-01', CAL_2026)).toBe(0);
  });

  it('throw instead of hanging when the calendar has no working day for ten years', () => {
    const days: string[] = [];
    for (let d = '2025-01-01'; d <= '2035-12-31'; d = addCalendarDays(d, 1)) days.push(d);
    const allOff = makeCalendar({ holidays: days, workdays: [] });
    expect(() => addWorkingDays('2025-01-01', 1, allOff)).toThrow(/3660/);
    expect(() => addWorkingDays('2025-01-01', 0, allOff)).toThrow(/3660/);
    expect(() => computeDueAt(sh('2025-03-01', '10:00'), rule(3), allOff)).toThrow(RangeError);
  });
});

describe('computeDueAt', () => {
  it('skip 中秋 and 国庆 and count the 调休 Saturday (received Friday 2026-09-25)', () => {
    const received = sh('2026-09-25', '10:00');
    // 3 working days: 09-28, 09-29, 09-30 (中秋 is the day of receipt, which never counts anyway).
    expect(computeDueAt(received, rule(3), CAL_2026)).toBe('2026-09-30T15:59:59.999Z');
    // 13: 09-28..30 (3), 10-08, 10-09, 10-10 Sat (6), 10-12..16 (11), 10-19, 10-20 (13).
    expect(computeDueAt(received, rule(13), CAL_2026)).toBe(endOfLocalDay('2026-10-20'));
    // Without the calendar the 国庆 week would count and the deadline would be a week early.
    expect(computeDueAt(received, rule(13), WEEKDAYS_ONLY)).toBe(endOfLocalDay('2026-10-14'));
    // 依申请公开, 20 working days.
    expect(computeDueAt(received, rule(20), CAL_2026)).toBe(endOfLocalDay('2026-10-29'));
  });

  it('run straight through the holiday when received just before it', () => {
    expect(computeDueAt(sh('2026-09-30', '15:00'), rule(3), CAL_2026)).toBe(endOfLocalDay('2026-10-10'));
  });

  it('count from the next working day when received on a Saturday', () => {
    // 2026-09-19 is a Saturday followed by the 调休 Sunday.
    expect(computeDueAt(sh('2026-09-19', '10:00'), rule(3), CAL_2026)).toBe(endOfLocalDay('2026-09-22'));
    // An ordinary Saturday: Monday, Tuesday, Wednesday.
    expect(computeDueAt(sh('2026-11-07', '10:00'), rule(3), CAL_2026)).toBe(endOfLocalDay('2026-11-11'));
  });

  it('use the Shanghai date: 23:30 and 00:30 an hour apart fall on different days', () => {
    const lateTuesday = '2026-09-29T15:30:00.000Z'; // 23:30 Tuesday 09-29 in Shanghai
    const earlyWednesday = '2026-09-29T16:30:00.000Z'; // 00:30 Wednesday 09-30 in Shanghai, same UTC date
    expect(computeDueAt(lateTuesday, rule(3), CAL_2026)).toBe(endOfLocalDay('2026-10-09'));
    expect(computeDueAt(earlyWednesday, rule(3), CAL_2026)).toBe(endOfLocalDay('2026-10-10'));
    expect(computeDueAt('2026-09-30T00:30:00+08:00', rule(3), CAL_2026)).toBe(endOfLocalDay('2026-10-10'));
  });

  it('move a natural-day deadline off a holiday or weekend, but not off a 调休 Saturday', () => {
    const received = sh('2026-09-24', '10:00');
    expect(computeDueAt(received, rule(7, 'natural'), CAL_2026)).toBe(endOfLocalDay('2026-10-08')); // 10-01 国庆
    expect(computeDueAt(received, rule(17, 'natural'), CAL_2026)).toBe(endOfLocalDay('2026-10-12')); // 10-11 Sunday
    expect(computeDueAt(received, rule(16, 'natural'), CAL_2026)).toBe(endOfLocalDay('2026-10-10')); // 调休 Saturday
    expect(computeDueAt(received, rule(1, 'natural'), CAL_2026)).toBe(endOfLocalDay('2026-09-28')); // 中秋 09-25..27
  });

  it('treat a zero limit as "by the end of the day", or the next working day', () => {
    expect(computeDueAt(sh('2026-10-09', '09:00'), rule(0), CAL_2026)).toBe(endOfLocalDay('2026-10-09'));
    expect(computeDueAt(sh('2026-10-03', '09:00'), rule(0), CAL_2026)).toBe(endOfLocalDay('2026-10-08'));
  });

  it('use the default rules per type', () => {
    expect(deadlineRuleFor('咨询')).toEqual({ type: '咨询', days: 3, unit: 'working' });
    expect(deadlineRuleFor('依申请公开').days).toBe(20);
    const custom = [{ type: '咨询', days: 5, unit: 'natural' }] as const;
    expect(deadlineRuleFor('咨询', custom).days).toBe(5);
    expect(deadlineRuleFor('投诉', custom).days).toBe(13);
    expect(defaultDeadlineRules.map((r) => `${r.type}${r.days}`)).toEqual([
      '投诉13',
      '建议13',
      '咨询3',
      '求助3',
      '举报13',
      '表扬5',
      '依申请公开20',
    ]);
  });

  it('validate rules and calendars with Chinese messages', () => {
    const r = DeadlineRuleSchema.safeParse({ type: '咨询', days: 400, unit: 'working' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('期限天数不能超过 365');
    expect(DeadlineRuleSet.safeParse([...defaultDeadlineRules, defaultDeadlineRules[0]]).success).toBe(false);
    expect(DeadlineRuleSet.safeParse(defaultDeadlineRules).success).toBe(true);
    expect(WorkCalendarData.safeParse({ holidays: ['2026-10-01'], workdays: ['10/10'] }).success).toBe(false);
  });
});

describe('pauses and extensions', () => {
  it('restart the full limit from the supplement date', () => {
    // Received 09-01, paused, supplemented on 中秋: 20 working days again from 09-25.
    expect(restartAfterSupplement(sh('2026-09-25', '10:00'), rule(20), CAL_2026)).toBe(endOfLocalDay('2026-10-29'));
  });

  it('never shorten a deadline that was already later (extended before the pause)', () => {
    const extended = endOfLocalDay('2026-11-30');
    expect(restartAfterSupplement(sh('2026-09-25', '10:00'), rule(20), CAL_2026, extended)).toBe(extended);
    expect(restartAfterSupplement(sh('2026-09-25', '10:00'), rule(20), CAL_2026, endOfLocalDay('2026-10-01'))).toBe(
      endOfLocalDay('2026-10-29'),
    );
  });

  it('extend by working days after the current deadline day', () => {
    expect(extendDueAt(endOfLocalDay('2026-09-30'), 3, CAL_2026)).toBe(endOfLocalDay('2026-10-10'));
    // 20 more: 10-08..10 (3), 10-12..16 (8), 10-19..23 (13), 10-26..30 (18), 11-02, 11-03 (20).
    expect(extendDueAt(endOfLocalDay('2026-09-30'), 20, CAL_2026)).toBe(endOfLocalDay('2026-11-03'));
    expect(() => extendDueAt(endOfLocalDay('2026-09-30'), 0, CAL_2026)).toThrow(RangeError);
    expect(() => extendDueAt(endOfLocalDay('2026-09-30'), 21, CAL_2026)).toThrow(RangeError);
  });
});

describe('deadlineStatus and remainingWorkingDays', () => {
  const due = endOfLocalDay('2026-09-30'); // Wednesday before 国庆
  const status = (now: string, state: Parameters<typeof deadlineStatus>[0]['state'] = 'in_progress', dueAt: string | null = due) =>
    deadlineStatus({ dueAt, now, state }, CAL_2026);

  it('warn on the day before and on the day itself, then flag overdue', () => {
    expect(status(sh('2026-09-28', '10:00'))).toBe('on_track');
    expect(status(sh('2026-09-29', '10:00'))).toBe('due_soon');
    expect(status(sh('2026-09-30', '23:59'))).toBe('due_soon');
    expect(status(sh('2026-10-01', '00:00'))).toBe('overdue');
  });

  it('count "the next working day" across holidays and 调休', () => {
    const afterHoliday = endOfLocalDay('2026-10-08');
    expect(status(sh('2026-09-29', '10:00'), 'accepted', afterHoliday)).toBe('on_track');
    expect(status(sh('2026-09-30', '10:00'), 'accepted', afterHoliday)).toBe('due_soon');
    // Friday 10-09: the next working day is the 调休 Saturday, so a Monday deadline is not yet close.
    expect(status(sh('2026-10-09', '10:00'), 'accepted', endOfLocalDay('2026-10-12'))).toBe('on_track');
    // An ordinary Friday warns about Monday.
    expect(status(sh('2026-10-16', '10:00'), 'accepted', endOfLocalDay('2026-10-19'))).toBe('due_soon');
  });

  it('pause while awaiting a supplement and stop once the case is done', () => {
    const late = sh('2026-11-01', '10:00');
    expect(status(late, 'awaiting_supplement')).toBe('paused');
    for (const s of ['answered', 'closed', 'rejected'] as const) expect(status(late, s)).toBe('none');
    expect(status(late, 'submitted')).toBe('overdue');
    expect(status(late, 'transferred')).toBe('overdue');
    expect(status(late, 'in_progress', null)).toBe('none');
  });

  it('count working days left, negative once overdue', () => {
    const afterHoliday = endOfLocalDay('2026-10-08');
    expect(remainingWorkingDays(afterHoliday, sh('2026-09-30', '10:00'), CAL_2026)).toBe(1);
    expect(remainingWorkingDays(afterHoliday, sh('2026-10-03', '10:00'), CAL_2026)).toBe(1);
    expect(remainingWorkingDays(afterHoliday, sh('2026-10-08', '10:00'), CAL_2026)).toBe(0);
    expect(remainingWorkingDays(due, sh('2026-10-09', '10:00'), CAL_2026)).toBe(-2);
    expect(remainingWorkingDays(due, sh('2026-10-01', '00:30'), CAL_2026)).toBe(0);
    expect(remainingWorkingDays(due, sh('2026-09-25', '10:00'), CAL_2026)).toBe(3);
  });
});
