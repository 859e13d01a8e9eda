import type { FollowUpOutcome, FollowUpOutcomeBody } from '../services/issue11';

/*
 * The 回访 outcome form's rules, mirroring POST /api/staff/follow-ups/{id}: plain
 * functions the card uses and outcome.test.ts tests, so a supervisor sees every
 * problem before anything is sent.
 */

export const ATTEMPTS_MIN = 1;
export const ATTEMPTS_MAX = 10;
/** "联系不上" counts only after this many tries (the server refuses fewer). */
export const UNREACHABLE_MIN_ATTEMPTS = 3;
export const PUBLIC_NOTE_MAX = 500;
export const TEXT_MAX = 1000;

export type OutcomeForm = {
  outcome: FollowUpOutcome | null;
  attempts: number;
  citizenView: string;
  rectified: boolean | null;
  publicNote: string;
  result: string;
};

export type OutcomeField = keyof OutcomeForm;
export type OutcomeErrors = Partial<Record<OutcomeField, string>>;

export const emptyOutcome = (): OutcomeForm => ({
  outcome: null,
  attempts: 1,
  citizenView: '',
  rectified: null,
  publicNote: '',
  result: '',
});

export type PersonalNumber = { kind: 'phone' | 'id'; text: string };

/** Full-width digits and letters (１３８…, Ｘ) as ASCII: they are the same number to a reader. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Phone and ID numbers in a text meant for the public (the 回访 note the citizen's
 * case shows): mainland mobiles (11 digits from 13–19), landlines with an area code
 * (0xx(x)-xxxxxxx(x)), and resident ID numbers (18 characters ending in a digit or
 * X, or the old 15 digits). Spaces, dashes and dots people put inside a number are
 * looked through, so `138 1234 5678` is caught too. Public service numbers such as
 * 12345 are short and not matched.
 */
export function personalNumbers(text: string): PersonalNumber[] {
  const found: PersonalNumber[] = [];
  // Runs of digits (and an ID's final X) with the separators people type between groups.
  for (const m of halfWidth(text).matchAll(/\d[\d\s\-.]*[\dXx]|\d/g)) {
    const raw = m[0];
    const digits = raw.replace(/[\s\-.]/g, '');
    if (/^\d{17}[\dXx]$/.test(digits) || /^\d{15}$/.test(digits)) found.push({ kind: 'id', text: raw.trim() });
    else if (/^1[3-9]\d{9}$/.test(digits) || /^0\d{2,3}\d{7,8}$/.test(digits)) found.push({ kind: 'phone', text: raw.trim() });
    else if (/^\d+[Xx]?$/.test(digits) && digits.length > 11) {
      // A longer run may hold a number glued to other digits (e.g. two numbers in a row): look inside it.
      if (/1[3-9]\d{9}/.test(digits)) found.push({ kind: 'phone', text: raw.trim() });
    }
  }
  return found;
}

/** Every problem at once (one message per field), or the body to send. */
export function validateOutcome(f: OutcomeForm): { ok: true; body: FollowUpOutcomeBody } | { ok: false; errors: OutcomeErrors } {
  const errors: OutcomeErrors = {};
  if (!f.outcome) errors.outcome = '请选择是否联系上群众';
  if (!Number.isInteger(f.attempts) || f.attempts < ATTEMPTS_MIN || f.attempts > ATTEMPTS_MAX)
    errors.attempts = `联系次数应为 ${ATTEMPTS_MIN}–${ATTEMPTS_MAX} 次`;
  else if (f.outcome === 'unreachable' && f.attempts < UNREACHABLE_MIN_ATTEMPTS)
    errors.attempts = `至少联系 ${UNREACHABLE_MIN_ATTEMPTS} 次仍联系不上，才能记为“未联系上”`;

  const view = f.citizenView.trim();
  if (!view) errors.citizenView = f.outcome === 'unreachable' ? '请写明联系经过（如：三次拨打均无人接听）' : '请填写群众的意见';
  else if (view.length > TEXT_MAX) errors.citizenView = `不能超过 ${TEXT_MAX} 字`;

  if (f.rectified === null) errors.rectified = '请选择是否已整改';

  const note = f.publicNote.trim();
  if (note.length > PUBLIC_NOTE_MAX) errors.publicNote = `公开说明不能超过 ${PUBLIC_NOTE_MAX} 字`;
  else {
    const numbers = personalNumbers(note);
    if (numbers.some((n) => n.kind === 'id')) errors.publicNote = '公开说明会显示给群众，不能写身份证号';
    else if (numbers.length) errors.publicNote = '公开说明会显示给群众，不能写电话号码';
  }

  const result = f.result.trim();
  if (result.length < 2) errors.result = '请填写回访结果（至少 2 个字）';
  else if (result.length > TEXT_MAX) errors.result = `回访结果不能超过 ${TEXT_MAX} 字`;

  if (Object.keys(errors).length || !f.outcome || f.rectified === null) return { ok: false, errors };
  return {
    ok: true,
    body: {
      outcome: f.outcome,
      attempts: f.attempts,
      citizenView: view,
      rectified: f.rectified,
      ...(note ? { publicNote: note } : {}),
      result,
    },
  };
}

/** A 400's `details.issues` as the form's field messages (`body.attempts` → attempts). */
export function serverOutcomeErrors(details: unknown): OutcomeErrors {
  const issues = (details as { issues?: { field?: unknown; message?: unknown }[] } | undefined)?.issues;
  const errors: OutcomeErrors = {};
  if (!Array.isArray(issues)) return errors;
  const known: OutcomeField[] = ['outcome', 'attempts', 'citizenView', 'rectified', 'publicNote', 'result'];
  for (const i of issues) {
    if (typeof i.field !== 'string' || typeof i.message !== 'string') continue;
    const key = i.field.replace(/^body\./, '').split('.')[0] as OutcomeField;
    if (known.includes(key) && !errors[key]) errors[key] = i.message;
  }
  return errors;
}
