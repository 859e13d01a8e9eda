import { describe, expect, it } from 'vitest';
import {
  type CaseActor,
  type CaseLike,
  type TransitionInput,
  availableActions,
  caseTransitions,
  checkTransition,
  isTerminal,
  mayAct,
  reopenDeadline,
} from './state-machine';
import { CaseAction, CaseState, DEFAULT_REOPEN_WINDOW_DAYS, MessageType, caseActionLabels, caseStateLabels } from './types';

const NOW = '2026-10-12T02:00:00.000Z'; // Monday 10:00 in Shanghai

function input(over: Partial<TransitionInput>): TransitionInput {
  return {
    state: 'submitted',
    action: 'accept',
    type: '投诉',
    extensionUsed: false,
    answeredAt: null,
    now: NOW,
    reopenWindowDays: DEFAULT_REOPEN_WINDOW_DAYS,
    ...over,
  };
}

/** Every legal row of the spec's table, written out again by hand so a slip in the data shows. */
const legal: [CaseAction, CaseState, CaseState][] = [
  ['accept', 'submitted', 'accepted'],
  ['accept', 'transferred', 'accepted'],
  ['start', 'accepted', 'in_progress'],
  ['reply', 'accepted', 'answered'],
  ['reply', 'in_progress', 'answered'],
  ['request_supplement', 'accepted', 'awaiting_supplement'],
  ['request_supplement', 'in_progress', 'awaiting_supplement'],
  ['supplement', 'awaiting_supplement', 'in_progress'],
  ['extend', 'accepted', 'accepted'],
  ['extend', 'in_progress', 'in_progress'],
  ['transfer', 'submitted', 'transferred'],
  ['transfer', 'transferred', 'transferred'],
  ['transfer', 'accepted', 'transferred'],
  ['transfer', 'in_progress', 'transferred'],
  ['reject', 'submitted', 'rejected'],
  ['reject', 'transferred', 'rejected'],
  ['reject', 'accepted', 'rejected'],
  ['close', 'answered', 'closed'],
  ['reopen', 'answered', 'in_progress'],
  ['reopen', 'closed', 'in_progress'],
];

describe('case labels', () => {
  it('label every state and action in Chinese', () => {
    expect(caseStateLabels.transferred).toBe('已转办（待受理）');
    for (const s of CaseState.options) expect(caseStateLabels[s]).toMatch(/[\u4e00-\u9fff]/);
    for (const a of CaseAction.options) expect(caseActionLabels[a]).toMatch(/[\u4e00-\u9fff]/);
    expect(MessageType.options).toHaveLength(7);
    expect(CaseState.options).toHaveLength(8);
    expect(CaseAction.options).toHaveLength(10);
  });

  it('reject unknown values with a Chinese message', () => {
    const r = CaseState.safeParse('done');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('办理状态不正确');
  });
});

describe('checkTransition: the table', () => {
  it.each(legal)('%s from %s → %s', (action, from, to) => {
    // 依申请公开 so the type-restricted rows apply; answered just now so reopen is in the window.
    const r = checkTransition(input({ action, state: from, type: '依申请公开', answeredAt: NOW }));
    expect(r).toEqual({ ok: true, to });
  });

  it('the data has exactly these rows', () => {
    const rows = CaseAction.options.flatMap((a) => caseTransitions[a].from.map((s) => `${a}:${s}`));
    expect(rows.sort()).toEqual(legal.map(([a, s]) => `${a}:${s}`).sort());
  });

  it('name the actor and whether a reason is needed', () => {
    expect(caseTransitions.accept.actor).toBe('staff');
    expect(caseTransitions.reply.actor).toBe('owner');
    expect(caseTransitions.supplement.actor).toBe('citizen');
    expect(caseTransitions.reopen.actor).toBe('citizen');
    const withReason = CaseAction.options.filter((a) => caseTransitions[a].reason);
    expect(withReason.sort()).toEqual(['extend', 'reject', 'reopen', 'transfer']);
  });

  it('refuse every other (state, action) pair with TRANSITION_NOT_ALLOWED', () => {
    const ok = new Set(legal.map(([a, s]) => `${a}:${s}`));
    let refused = 0;
    for (const action of CaseAction.options) {
      for (const state of CaseState.options) {
        if (ok.has(`${action}:${state}`)) continue;
        const r = checkTransition(input({ action, state, type: '依申请公开', answeredAt: NOW }));
        expect(r).toEqual({ ok: false, code: 'TRANSITION_NOT_ALLOWED', transition: `${state}→${action}` });
        refused++;
      }
    }
    expect(refused).toBe(8 * 10 - legal.length);
  });

  it('give the 409 detail string as <from>→<action>', () => {
    expect(checkTransition(input({ state: 'closed', action: 'reply' }))).toEqual({
      ok: false,
      code: 'TRANSITION_NOT_ALLOWED',
      transition: 'closed→reply',
    });
  });
});

describe('checkTransition: conditions', () => {
  it('refuse 依申请公开-only actions for other types', () => {
    for (const type of MessageType.options.filter((t) => t !== '依申请公开')) {
      for (const action of ['request_supplement', 'extend'] as const) {
        expect(checkTransition(input({ action, state: 'in_progress', type }))).toMatchObject({
          ok: false,
          code: 'TYPE_NOT_ALLOWED',
          transition: `in_progress→${action}`,
        });
      }
    }
    // 咨询 can still be answered, transferred and rejected.
    expect(checkTransition(input({ action: 'reply', state: 'in_progress', type: '咨询' })).ok).toBe(true);
  });

  it('allow one extension only', () => {
    const base = input({ action: 'extend', state: 'in_progress', type: '依申请公开' });
    expect(checkTransition(base)).toEqual({ ok: true, to: 'in_progress' });
    expect(checkTransition({ ...base, extensionUsed: true })).toEqual({
      ok: false,
      code: 'EXTENSION_USED',
      transition: 'in_progress→extend',
    });
  });

  it('allow reopening until the end of the 5th natural day after the answer (Shanghai dates)', () => {
    // Answered Friday 2026-10-09 at 16:00 Shanghai; the window ends 2026-10-14 23:59:59.999 +08:00.
    const answeredAt = '2026-10-09T08:00:00.000Z';
    expect(reopenDeadline(answeredAt, 5)).toBe('2026-10-14T15:59:59.999Z');
    const reopen = (now: string, state: CaseState = 'answered', days = 5) =>
      checkTransition(input({ action: 'reopen', state, answeredAt, now, reopenWindowDays: days }));
    expect(reopen('2026-10-14T15:59:59.999Z')).toEqual({ ok: true, to: 'in_progress' });
    expect(reopen('2026-10-14T15:59:59.999Z', 'closed')).toEqual({ ok: true, to: 'in_progress' });
    expect(reopen('2026-10-14T16:00:00.000Z')).toEqual({
      ok: false,
      code: 'REOPEN_WINDOW_PASSED',
      transition: 'answered→reopen',
    });
    expect(reopen('2026-10-14T16:00:00.000Z', 'closed')).toMatchObject({ code: 'REOPEN_WINDOW_PASSED' });
    // A window of 0 days: only the rest of the day of the answer.
    expect(reopen('2026-10-09T15:59:59.999Z', 'answered', 0).ok).toBe(true);
    expect(reopen('2026-10-09T16:00:00.000Z', 'answered', 0).ok).toBe(false);
  });

  it('refuse to reopen when the answer time is missing', () => {
    expect(checkTransition(input({ action: 'reopen', state: 'answered', answeredAt: null }))).toMatchObject({
      ok: false,
      code: 'REOPEN_WINDOW_PASSED',
    });
  });

  it('check the state before the extension count and the window', () => {
    expect(checkTransition(input({ action: 'extend', state: 'answered', type: '依申请公开', extensionUsed: true }))).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
    });
    expect(checkTransition(input({ action: 'reopen', state: 'in_progress', answeredAt: null }))).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
    });
  });
});

describe('terminal states', () => {
  it('only rejected is terminal; closed can still be reopened', () => {
    expect(CaseState.options.filter(isTerminal)).toEqual(['rejected']);
    for (const action of CaseAction.options) {
      const r = checkTransition(input({ action, state: 'rejected', type: '依申请公开', answeredAt: NOW }));
      expect(r.ok).toBe(false);
    }
    const fromClosed = CaseAction.options.filter(
      (action) => checkTransition(input({ action, state: 'closed', type: '依申请公开', answeredAt: NOW })).ok,
    );
    expect(fromClosed).toEqual(['reopen']);
  });
});

describe('mayAct and availableActions', () => {
  const deptStaff: CaseActor = { kind: 'staff', isOwner: false, inCaseDepartment: true };
  const owner: CaseActor = { kind: 'staff', isOwner: true, inCaseDepartment: true };
  const outsider: CaseActor = { kind: 'staff', isOwner: false, inCaseDepartment: false };
  const citizen: CaseActor = { kind: 'citizen', isOwner: true, inCaseDepartment: false };
  const stranger: CaseActor = { kind: 'citizen', isOwner: false, inCaseDepartment: false };
  const c = (state: CaseState, over: Partial<CaseLike> = {}): CaseLike => ({
    state,
    type: '依申请公开',
    extensionUsed: false,
    answeredAt: null,
    ...over,
  });

  it('offer accept, transfer and reject to department staff on a new case', () => {
    expect(availableActions(c('submitted'), deptStaff, NOW)).toEqual(['accept', 'transfer', 'reject']);
    expect(availableActions(c('transferred'), deptStaff, NOW)).toEqual(['accept', 'transfer', 'reject']);
    expect(availableActions(c('submitted'), outsider, NOW)).toEqual([]);
    expect(availableActions(c('submitted'), citizen, NOW)).toEqual([]);
  });

  it('leave an accepted case to its owner, except rejection by the department', () => {
    expect(availableActions(c('accepted'), owner, NOW)).toEqual(['start', 'reply', 'request_supplement', 'extend', 'transfer', 'reject']);
    expect(availableActions(c('accepted'), deptStaff, NOW)).toEqual(['reject']);
    expect(availableActions(c('in_progress'), deptStaff, NOW)).toEqual([]);
    expect(availableActions(c('in_progress', { type: '咨询' }), owner, NOW)).toEqual(['reply', 'transfer']);
    expect(availableActions(c('in_progress', { extensionUsed: true }), owner, NOW)).toEqual(['reply', 'request_supplement', 'transfer']);
  });

  it('let the citizen who wrote it supplement and reopen, nobody else', () => {
    expect(availableActions(c('awaiting_supplement'), citizen, NOW)).toEqual(['supplement']);
    expect(availableActions(c('awaiting_supplement'), stranger, NOW)).toEqual([]);
    expect(availableActions(c('awaiting_supplement'), owner, NOW)).toEqual([]);
    const answered = c('answered', { answeredAt: '2026-10-09T08:00:00.000Z' });
    expect(availableActions(answered, citizen, NOW)).toEqual(['reopen']);
    expect(availableActions(answered, owner, NOW)).toEqual(['close']);
    expect(availableActions(answered, citizen, '2026-10-15T02:00:00.000Z')).toEqual([]);
    expect(availableActions(c('closed', { answeredAt: '2026-10-09T08:00:00.000Z' }), citizen, NOW)).toEqual(['reopen']);
  });

  it('offer nothing on a rejected case', () => {
    for (const actor of [deptStaff, owner, outsider, citizen, stranger]) {
      expect(availableActions(c('rejected'), actor, NOW)).toEqual([]);
    }
  });

  it('never let a citizen do staff work, even one flagged as in the department', () => {
    const odd: CaseActor = { kind: 'citizen', isOwner: true, inCaseDepartment: true };
    for (const a of ['accept', 'transfer', 'reject', 'start', 'reply', 'close'] as const) {
      expect(mayAct(a, 'submitted', odd)).toBe(false);
    }
  });
});
