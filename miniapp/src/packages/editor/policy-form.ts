import {
  formCodecOf,
  interpretationFields,
  parseIds as parseIdList,
  policyFields,
  InterpretationPatchBody,
  PolicyPatchBody,
  interpretationPublishProblems,
  policyPublishProblems,
  type EditorInterpretation,
  type EditorPolicy,
  type FieldProblem,
  type InterpretationDetail,
  type PolicyDetail,
  type FormOf,
  type FormRecord,
  type TermRow,
} from '@zw/shared';
import { problemsToErrors, type FieldErrors } from './form';

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
export type PolicyRecord = FormRecord<typeof policyFields>;

/** As the inputs hold it (the content model's form codecs): expiresAt '' = 长期有效 (null in the record). */
export type PolicyForm = FormOf<typeof policyFields>;

const policyCodec = formCodecOf(policyFields);
export const toPolicyForm = (p: PolicyRecord | EditorPolicy): PolicyForm => policyCodec.toForm(p);
export const fromPolicyForm = (f: PolicyForm): PolicyRecord => policyCodec.fromForm(f);

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

/** The interpretation's editable fields (no status; the document it interprets is fixed at creation). */
export type InterpretationRecord = FormRecord<typeof interpretationFields>;
export type { TermRow };

/** As the inputs hold it; linked guides' ids as typed, separated by 、，, or spaces. */
export type InterpretationForm = FormOf<typeof interpretationFields>;

export const emptyTerm = (): TermRow => ({ term: '', definition: '' });

const interpretationCodec = formCodecOf(interpretationFields);
export const toInterpretationForm = (it: InterpretationRecord | EditorInterpretation): InterpretationForm => interpretationCodec.toForm(it);

/** Ids as typed → numbers; anything that is not a whole number becomes NaN, which the schema names. */
export const parseIds = parseIdList;

export const fromInterpretationForm = (f: InterpretationForm): InterpretationRecord => interpretationCodec.fromForm(f);

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
