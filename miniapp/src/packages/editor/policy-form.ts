import {
  InterpretationPatchBody,
  PolicyPatchBody,
  interpretationPublishProblems,
  policyPublishProblems,
  type EditorInterpretation,
  type EditorPolicy,
  type FieldProblem,
  type InterpretationDetail,
  type PolicyDetail,
  type InterpretationDraft,
  type PolicyDraft,
} from '@zw/shared';
import { problemsToErrors, type FaqRow, type FieldErrors } from './form';

/*
 * 政策文件 and 政策解读 forms and the API, both ways (like form.ts for guides).
 * The form holds what the inputs hold; the record is checked with the shared
 * draft schema before saving and with the shared publish check before
 * publishing, so the messages next to the fields are the server's words.
 */

// ---------------------------------------------------------------- shared

export type SaveCheck<R> = { ok: true; patch: Partial<R> } | { ok: false; errors: FieldErrors };

/** Only the top-level fields that changed: a save never writes back a value the editor did not touch. */
export function diffPatch<R extends object>(before: R, after: R): Partial<R> {
  const out: Partial<R> = {};
  for (const k of Object.keys(after) as Array<keyof R>) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  return out;
}

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };
const issuesToErrors = (issues: ReadonlyArray<Issue>) =>
  problemsToErrors(issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));

/**
 * An empty field is asked for by name ("请填写施行日期") rather than by the
 * format it would need ("必须是 YYYY-MM-DD 日期"): it was not filled in wrongly,
 * it was not filled in yet.
 */
export function wordProblems(problems: ReadonlyArray<FieldProblem>): FieldProblem[] {
  return problems.map((p) => (p.missing && !/不能为空|请填写|至少/.test(p.message) ? { ...p, message: `请填写${p.label}` } : p));
}

// ---------------------------------------------------------------- policy

/** The policy's editable fields (no status: that changes through publish / unpublish). */
export type PolicyRecord = Omit<PolicyDraft, 'status'>;

export type PolicyForm = {
  docNumber: string;
  title: string;
  issuer: string;
  departmentId: number | null;
  issuedAt: string;
  effectiveAt: string;
  /** '' = 长期有效 (null in the record). */
  expiresAt: string;
  validity: PolicyDraft['validity'];
  summary: string;
  body: string;
};

export function toPolicyForm(p: PolicyRecord | EditorPolicy): PolicyForm {
  return {
    docNumber: p.docNumber,
    title: p.title,
    issuer: p.issuer,
    departmentId: p.departmentId,
    issuedAt: p.issuedAt,
    effectiveAt: p.effectiveAt,
    expiresAt: p.expiresAt ?? '',
    validity: p.validity,
    summary: p.summary,
    body: p.body,
  };
}

export function fromPolicyForm(f: PolicyForm): PolicyRecord {
  return {
    docNumber: f.docNumber.trim(),
    title: f.title.trim(),
    issuer: f.issuer.trim(),
    departmentId: f.departmentId,
    issuedAt: f.issuedAt.trim(),
    effectiveAt: f.effectiveAt.trim(),
    expiresAt: f.expiresAt.trim() === '' ? null : f.expiresAt.trim(),
    validity: f.validity,
    summary: f.summary,
    body: f.body,
  };
}

export function checkPolicySave(base: PolicyRecord, form: PolicyForm): SaveCheck<PolicyRecord> {
  const patch = diffPatch(base, fromPolicyForm(form));
  const r = PolicyPatchBody.safeParse(patch);
  return r.success ? { ok: true, patch: r.data as Partial<PolicyRecord> } : { ok: false, errors: issuesToErrors(r.error.issues) };
}

export const policyPublishCheck = (form: PolicyForm): FieldProblem[] =>
  wordProblems(policyPublishProblems(fromPolicyForm(form) as unknown as Record<string, unknown>));

/**
 * The form as the citizen's policy page reads it, for the preview. Its
 * interpretations are the published ones (a draft document has none to show).
 */
export function toPolicyPreview(
  form: PolicyForm,
  meta: {
    id: number;
    updatedAt: string;
    department: { id: number; name: string } | null;
    interpretations: PolicyDetail['interpretations'];
  },
): PolicyDetail {
  const r = fromPolicyForm(form);
  return {
    id: meta.id,
    title: r.title,
    docNumber: r.docNumber,
    issuer: r.issuer,
    issuedAt: r.issuedAt,
    effectiveAt: r.effectiveAt,
    expiresAt: r.expiresAt,
    validity: r.validity,
    summary: r.summary,
    body: r.body,
    department: meta.department,
    interpretationCount: meta.interpretations.length,
    interpretations: meta.interpretations,
    updatedAt: meta.updatedAt,
  };
}

// ---------------------------------------------------------------- interpretation

export type InterpretationRecord = Omit<InterpretationDraft, 'status' | 'policyId'>;
export type TermRow = { term: string; definition: string };

export type InterpretationForm = {
  title: string;
  form: InterpretationDraft['form'];
  interpreter: string;
  publishedAt: string;
  background: string;
  purpose: string;
  mainPoints: string[];
  scope: string;
  keyTerms: TermRow[];
  changes: string;
  benefits: string;
  qa: FaqRow[];
  /** Linked guides' ids as typed, separated by 、，, or spaces. */
  itemIds: string;
};

export const emptyTerm = (): TermRow => ({ term: '', definition: '' });

export function toInterpretationForm(it: InterpretationRecord | EditorInterpretation): InterpretationForm {
  return {
    title: it.title,
    form: it.form,
    interpreter: it.interpreter,
    publishedAt: it.publishedAt,
    background: it.background,
    purpose: it.purpose,
    mainPoints: [...it.mainPoints],
    scope: it.scope,
    keyTerms: it.keyTerms.map((t) => ({ term: t.term, definition: t.definition })),
    changes: it.changes,
    benefits: it.benefits,
    qa: it.qa.map((q) => ({ q: q.q, a: q.a })),
    itemIds: it.itemIds.join('、'),
  };
}

/** Ids as typed → numbers; anything that is not a whole number becomes NaN, which the schema names. */
export function parseIds(text: string): number[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (/^\d{1,9}$/.test(t) ? Number(t) : Number.NaN));
}

export function fromInterpretationForm(f: InterpretationForm): InterpretationRecord {
  return {
    title: f.title.trim(),
    form: f.form,
    interpreter: f.interpreter.trim(),
    publishedAt: f.publishedAt.trim(),
    background: f.background,
    purpose: f.purpose,
    mainPoints: [...f.mainPoints],
    scope: f.scope,
    keyTerms: f.keyTerms.map((t) => ({ term: t.term, definition: t.definition })),
    changes: f.changes,
    benefits: f.benefits,
    qa: f.qa.map((q) => ({ q: q.q, a: q.a })),
    itemIds: parseIds(f.itemIds),
  };
}

export function checkInterpretationSave(base: InterpretationRecord, form: InterpretationForm): SaveCheck<InterpretationRecord> {
  const patch = diffPatch(base, fromInterpretationForm(form));
  const r = InterpretationPatchBody.safeParse(patch);
  if (r.success) return { ok: true, patch: r.data as Partial<InterpretationRecord> };
  const errors = issuesToErrors(r.error.issues);
  // Bad ids are reported per position (itemIds.2); the one input shows them as one message.
  const bad = Object.keys(errors).find((k) => k.startsWith('itemIds.'));
  if (bad && !errors.itemIds) errors.itemIds = '关联事项请填写事项编号（数字），多个用顿号或逗号隔开';
  return { ok: false, errors };
}

/**
 * What publishing this form would refuse. The document it interprets is fixed
 * when the interpretation is created (and checked by the server), so the
 * form's check stands in any valid id for it; an empty 发布日期 becomes the
 * day it is published (as the server does), so only a malformed one counts.
 */
export function interpretationPublishCheck(form: InterpretationForm): FieldProblem[] {
  const record = fromInterpretationForm(form);
  const publishedAt = record.publishedAt === '' ? '2000-01-01' : record.publishedAt;
  return wordProblems(interpretationPublishProblems({ ...record, publishedAt, policyId: 1 } as unknown as Record<string, unknown>));
}

/**
 * The form as the citizen's interpretation page reads it, for the preview.
 * Linked guides are shown by the published page only (their names come from
 * the public API), so the preview lists none.
 */
export function toInterpretationPreview(
  form: InterpretationForm,
  meta: { id: number; updatedAt: string; policy: EditorPolicy; department: { id: number; name: string } | null },
): InterpretationDetail {
  const r = fromInterpretationForm(form);
  const p = meta.policy;
  return {
    id: meta.id,
    policyId: p.id,
    title: r.title,
    form: r.form,
    interpreter: r.interpreter,
    // Empty until published: the server sets the day it is published.
    publishedAt: r.publishedAt || '发布当天',
    background: r.background,
    purpose: r.purpose,
    mainPoints: r.mainPoints,
    scope: r.scope,
    keyTerms: r.keyTerms,
    changes: r.changes,
    benefits: r.benefits,
    qa: r.qa.filter((q) => q.q.trim()),
    status: 'published',
    items: [],
    updatedAt: meta.updatedAt,
    policy: {
      id: p.id,
      title: p.title,
      docNumber: p.docNumber,
      issuer: p.issuer,
      issuedAt: p.issuedAt,
      effectiveAt: p.effectiveAt,
      expiresAt: p.expiresAt,
      validity: p.validity,
      summary: p.summary,
      department: meta.department,
      interpretationCount: p.interpretations.length,
      updatedAt: p.updatedAt,
    },
  };
}
