import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type WorkCalendar,
  addCalendarDays,
  addWorkingDays,
  computeDueAt,
  endOfLocalDay,
  extendDueAt,
  isWorkingDay,
  localDate,
  makeCalendar,
  parseTimestamp,
  restartAfterSupplement,
  workingDaysBetween,
} from './deadlines';
import { type CaseActor, availableActions, caseTransitions, checkTransition, mayAct } from './state-machine';
import { CaseAction, CaseState, DEFAULT_REOPEN_WINDOW_DAYS, MAX_EXTENSION_DAYS, MessageType } from './types';

// ---------------------------------------------------------------- generators

const FIRST = '2025-01-01';
const SPAN = 3 * 365; // 2025–2027
const T0 = Date.UTC(2025, 0, 1) - 8 * 3600_000; // 2025-01-01 00:00 Shanghai

const dayIn = fc.integer({ min: 0, max: SPAN - 1 }).map((i) => addCalendarDays(FIRST, i));
/** Any millisecond in 2025–2026, as stored (UTC ISO). */
const instant = fc.integer({ min: 0, max: 2 * 365 * 86_400_000 }).map((ms) => new Date(T0 + ms).toISOString());

/** Random holiday and 调休 sets over 2025–2027, from sparse to more than half the days off. */
const calendar: fc.Arbitrary<WorkCalendar> = fc
  .record({
    holidays: fc.uniqueArray(dayIn, { maxLength: 700 }),
    workdays: fc.uniqueArray(dayIn, { maxLength: 60 }),
  })
  .map(makeCalendar);

const limit = fc.record({
  days: fc.integer({ min: 0, max: 365 }),
  unit: fc.constantFrom('working' as const, 'natural' as const),
});

const ms = (iso: string) => parseTimestamp(iso);
const isEndOfWorkingDay = (iso: string, cal: WorkCalendar) => {
  const d = localDate(iso);
  return isWorkingDay(d, cal) && iso === endOfLocalDay(d);
};

// ---------------------------------------------------------------- (a) state machine

type Sim = { state: CaseState; type: MessageType; extensionUsed: boolean; answeredAt: string | null; now: number };

describe('state machine properties', () => {
  it('random action sequences stay inside the rules', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MessageType.options),
        fc.array(
          fc.record({
            action: fc.constantFrom(...CaseAction.options),
            // Time passes between attempts: up to 4 days, so reopen windows open and close.
            wait: fc.integer({ min: 0, max: 4 * 86_400_000 }),
          }),
          { maxLength: 60 },
        ),
        (type, steps) => {
          const c: Sim = { state: 'submitted', type, extensionUsed: false, answeredAt: null, now: Date.UTC(2026, 8, 1) };
          let extensions = 0;
          for (const { action, wait } of steps) {
            c.now += wait;
            const now = new Date(c.now).toISOString();
            const before = c.state;
            const r = checkTransition({ ...c, action, now, reopenWindowDays: DEFAULT_REOPEN_WINDOW_DAYS });
            if (!r.ok) {
              expect(r.transition).toBe(`${before}→${action}`);
              continue;
            }
            expect(CaseState.options).toContain(r.to);
            expect(before).not.toBe('rejected');
            expect(caseTransitions[action].from).toContain(before);
            if (caseTransitions[action].onlyTypes) expect(type).toBe('依申请公开');
            if (action === 'extend') {
              extensions++;
              c.extensionUsed = true;
              expect(r.to).toBe(before);
            }
            if (action === 'reply') c.answeredAt = now;
            c.state = r.to;
          }
          expect(extensions).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  const caseLike = fc.record({
    state: fc.constantFrom(...CaseState.options),
    type: fc.constantFrom(...MessageType.options),
    extensionUsed: fc.boolean(),
    answeredAt: fc.option(instant, { nil: null }),
  });
  const actor: fc.Arbitrary<CaseActor> = fc.record({
    kind: fc.constantFrom('citizen' as const, 'staff' as const),
    isOwner: fc.boolean(),
    inCaseDepartment: fc.boolean(),
  });

  it('every action availableActions offers is accepted by checkTransition', () => {
    fc.assert(
      fc.property(caseLike, actor, instant, fc.integer({ min: 0, max: 30 }), (c, who, now, window) => {
        for (const action of availableActions(c, who, now, window)) {
          const r = checkTransition({ ...c, action, now, reopenWindowDays: window });
          expect(r.ok).toBe(true);
          expect(mayAct(action, c.state, who)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('every action checkTransition accepts is offered to someone', () => {
    const everyone: CaseActor[] = [
      { kind: 'staff', isOwner: true, inCaseDepartment: true },
      { kind: 'staff', isOwner: false, inCaseDepartment: true },
      { kind: 'citizen', isOwner: true, inCaseDepartment: false },
    ];
    fc.assert(
      fc.property(caseLike, instant, (c, now) => {
        const offered = new Set(everyone.flatMap((who) => availableActions(c, who, now)));
        for (const action of CaseAction.options) {
          const r = checkTransition({ ...c, action, now, reopenWindowDays: DEFAULT_REOPEN_WINDOW_DAYS });
          expect(offered.has(action)).toBe(r.ok);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------- (b) deadlines

describe('deadline properties', () => {
  it('computeDueAt lands at the end of a working day, after receipt', () => {
    fc.assert(
      fc.property(calendar, instant, limit, (cal, received, rule) => {
        const due = computeDueAt(received, rule, cal);
        expect(isEndOfWorkingDay(due, cal)).toBe(true);
        if (rule.days === 0) expect(ms(due)).toBeGreaterThanOrEqual(ms(received));
        else expect(localDate(due) > localDate(received)).toBe(true);
        if (rule.unit === 'working' && rule.days > 0) {
          expect(workingDaysBetween(localDate(received), localDate(due), cal)).toBe(rule.days);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays is monotonic in n and in the start date', () => {
    fc.assert(
      fc.property(calendar, dayIn, dayIn, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (cal, a, b, m, n) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = m <= n ? [m, n] : [n, m];
        expect(addWorkingDays(d1, n1, cal) <= addWorkingDays(d1, n2, cal)).toBe(true);
        expect(addWorkingDays(d1, n1, cal) <= addWorkingDays(d2, n1, cal)).toBe(true);
        const r = addWorkingDays(d1, n2, cal);
        expect(isWorkingDay(r, cal)).toBe(true);
        if (n2 > 0) expect(r > d1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // ---------------------------------------------------------------- (c) pauses and extensions

  it('pausing never shortens a deadline', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 200 * 86_400_000 }), limit, (cal, received, pause, rule) => {
        const resumed = new Date(ms(received) + pause).toISOString();
        const original = computeDueAt(received, rule, cal);
        const restarted = restartAfterSupplement(resumed, rule, cal);
        expect(ms(restarted)).toBeGreaterThanOrEqual(ms(original));
        // Even a deadline already pushed further (an extension before the pause) survives.
        const pushed = extendDueAt(original, MAX_EXTENSION_DAYS, cal);
        expect(ms(restartAfterSupplement(resumed, rule, cal, pushed))).toBeGreaterThanOrEqual(ms(pushed));
      }),
      { numRuns: 300 },
    );
  });

  it('extendDueAt moves a deadline later, onto the end of a working day', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: MAX_EXTENSION_DAYS }), (cal, dueAt, m) => {
        const extended = extendDueAt(dueAt, m, cal);
        expect(ms(extended)).toBeGreaterThanOrEqual(ms(dueAt));
        expect(isEndOfWorkingDay(extended, cal)).toBe(true);
        expect(workingDaysBetween(localDate(dueAt), localDate(extended), cal)).toBe(m);
      }),
      { numRuns: 300 },
    );
  });
});
