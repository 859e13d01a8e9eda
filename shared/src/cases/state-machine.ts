import { defaultErrorMessages } from '../errors';
import { addCalendarDays, endOfLocalDay, localDate, parseTimestamp } from './deadlines';
import type { CaseAction, MessageType } from './types';
import { CaseState, DEFAULT_REOPEN_WINDOW_DAYS } from './types';

/*
 * The life of a citizen message as data. The BFF checks transitions with this table and
 * the mini-program uses the same table to decide which buttons to show, so the two can
 * never disagree about what is possible.
 */

/**
 * Who may perform an action. 'staff' = staff of the case's department; 'owner' = the staff
 * member who accepted the case (首问负责); 'citizen' = the citizen who submitted it.
 */
export type ActorKind = 'staff' | 'owner' | 'citizen';

export type Transition = {
  readonly from: readonly CaseState[];
  /** 'same': the state does not change (an extension only moves the deadline). */
  readonly to: CaseState | 'same';
  readonly actor: ActorKind;
  /** Only for these message types (依申请公开 rules from the 2019 条例). */
  readonly onlyTypes?: readonly MessageType[];
  /** A reason must be given (and, for reject, shown to the citizen). */
  readonly reason?: boolean;
};

const GOV_INFO: readonly MessageType[] = ['依申请公开'];

export const caseTransitions: Readonly<Record<CaseAction, Transition>> = {
  // 首问负责: the staff member who accepts becomes the owner (the BFF records who).
  accept: { from: ['submitted', 'transferred'], to: 'accepted', actor: 'staff' },
  start: { from: ['accepted'], to: 'in_progress', actor: 'owner' },
  // Needs the public reply text (the BFF's input schema); sets answeredAt.
  reply: { from: ['accepted', 'in_progress'], to: 'answered', actor: 'owner' },
  // Art. 30: everything missing is listed at once; the clock pauses.
  request_supplement: { from: ['accepted', 'in_progress'], to: 'awaiting_supplement', actor: 'owner', onlyTypes: GOV_INFO },
  // The full limit runs again from the supplement date (restartAfterSupplement).
  supplement: { from: ['awaiting_supplement'], to: 'in_progress', actor: 'citizen' },
  // Art. 33: once per case, 1–20 working days.
  extend: { from: ['accepted', 'in_progress'], to: 'same', actor: 'owner', onlyTypes: GOV_INFO, reason: true },
  // Staff of the department while nobody owns the case; once accepted, only the owner.
  // Target department must differ (BFF); the owner is cleared; the clock keeps running.
  transfer: { from: ['submitted', 'transferred', 'accepted', 'in_progress'], to: 'transferred', actor: 'staff', reason: true },
  reject: { from: ['submitted', 'transferred', 'accepted'], to: 'rejected', actor: 'staff', reason: true },
  close: { from: ['answered'], to: 'closed', actor: 'owner' },
  // Only within the reopen window after answeredAt (see reopenDeadline).
  reopen: { from: ['answered', 'closed'], to: 'in_progress', actor: 'citizen', reason: true },
};

const ACTIONS = Object.keys(caseTransitions) as CaseAction[];

/** States in which somebody owns the case: accepting sets the owner, transferring clears it. */
const OWNED_STATES: ReadonlySet<CaseState> = new Set<CaseState>(['accepted', 'in_progress', 'awaiting_supplement', 'answered', 'closed']);

/**
 * The state machine's refusals. Each is an ErrorCode: its message below is read from
 * defaultErrorMessages, which does not compile for a code outside the union.
 */
export type TransitionErrorCode = 'TRANSITION_NOT_ALLOWED' | 'TYPE_NOT_ALLOWED' | 'EXTENSION_USED' | 'REOPEN_WINDOW_PASSED';

/** Chinese wording for each refusal (the codes' default messages); clients branch on the code, never on these. */
export const transitionErrorMessages = {
  TRANSITION_NOT_ALLOWED: defaultErrorMessages.TRANSITION_NOT_ALLOWED,
  TYPE_NOT_ALLOWED: defaultErrorMessages.TYPE_NOT_ALLOWED,
  EXTENSION_USED: defaultErrorMessages.EXTENSION_USED,
  REOPEN_WINDOW_PASSED: defaultErrorMessages.REOPEN_WINDOW_PASSED,
} satisfies Record<TransitionErrorCode, string>;

export type TransitionResult = { ok: true; to: CaseState } | { ok: false; code: TransitionErrorCode; transition: string };

export type TransitionInput = {
  state: CaseState;
  action: CaseAction;
  type: MessageType;
  extensionUsed: boolean;
  answeredAt: string | null;
  /** ISO timestamp with offset. */
  now: string;
  reopenWindowDays: number;
};

/** The last moment a citizen may reopen: the end of the N-th natural day after the answer's local date. */
export function reopenDeadline(answeredAt: string, reopenWindowDays: number = DEFAULT_REOPEN_WINDOW_DAYS): string {
  if (!Number.isInteger(reopenWindowDays) || reopenWindowDays < 0) {
    throw new RangeError(`重新办理期限必须是非负整数：${reopenWindowDays}`);
  }
  return endOfLocalDay(addCalendarDays(localDate(answeredAt), reopenWindowDays));
}

/**
 * May this action happen to this case now? Pure and actor-blind: who may act is the
 * BFF's job (see `mayAct`). Checks, in order: message type, state, the one extension,
 * the reopen window. The type comes first because no state will ever make it possible.
 */
export function checkTransition(input: TransitionInput): TransitionResult {
  const t = caseTransitions[input.action];
  const transition = `${input.state}→${input.action}`;
  const refuse = (code: TransitionErrorCode): TransitionResult => ({ ok: false, code, transition });

  if (t.onlyTypes && !t.onlyTypes.includes(input.type)) return refuse('TYPE_NOT_ALLOWED');
  if (!t.from.includes(input.state)) return refuse('TRANSITION_NOT_ALLOWED');
  if (input.action === 'extend' && input.extensionUsed) return refuse('EXTENSION_USED');
  if (input.action === 'reopen') {
    // No answeredAt on an answered case is a data error; refuse rather than reopen forever.
    if (!input.answeredAt) return refuse('REOPEN_WINDOW_PASSED');
    if (parseTimestamp(input.now) > parseTimestamp(reopenDeadline(input.answeredAt, input.reopenWindowDays))) {
      return refuse('REOPEN_WINDOW_PASSED');
    }
  }
  return { ok: true, to: t.to === 'same' ? input.state : t.to };
}

/**
 * The person looking at a case. `isOwner` means the owning staff member for staff and the
 * submitter for citizens; `inCaseDepartment` is whether a staff member works in the
 * department currently holding the case.
 */
export type CaseActor = {
  kind: 'citizen' | 'staff';
  isOwner: boolean;
  inCaseDepartment: boolean;
};

/** Whether this person may perform the action in this state (ignoring whether the state allows it). */
export function mayAct(action: CaseAction, state: CaseState, actor: CaseActor): boolean {
  switch (caseTransitions[action].actor) {
    case 'citizen':
      return actor.kind === 'citizen' && actor.isOwner;
    case 'owner':
      return actor.kind === 'staff' && actor.isOwner;
    case 'staff':
      if (actor.kind !== 'staff') return false;
      // 首问负责: once someone owns the case, only they may hand it on.
      if (action === 'transfer' && OWNED_STATES.has(state)) return actor.isOwner;
      return actor.inCaseDepartment;
  }
}

export type CaseLike = {
  state: CaseState;
  type: MessageType;
  extensionUsed: boolean;
  answeredAt: string | null;
};

/** The actions a UI should offer this person right now, in table order. */
export function availableActions(
  caseLike: CaseLike,
  actor: CaseActor,
  now: string,
  reopenWindowDays: number = DEFAULT_REOPEN_WINDOW_DAYS,
): CaseAction[] {
  return ACTIONS.filter(
    (action) => mayAct(action, caseLike.state, actor) && checkTransition({ ...caseLike, action, now, reopenWindowDays }).ok,
  );
}

/** States no action ever leaves, derived from the table (today: rejected only; closed can still be reopened). */
const TERMINAL: ReadonlySet<CaseState> = new Set(
  CaseState.options.filter((s) => !ACTIONS.some((a) => caseTransitions[a].from.includes(s))),
);

export function isTerminal(state: CaseState): boolean {
  return TERMINAL.has(state);
}
