import {
  formCodecOf,
  itemFields,
  ItemPatchBody,
  itemPublishProblems,
  splitWords,
  type EditorItem,
  type FieldProblem,
  type FormOf,
  type FormRecord,
  type LawRow,
  type MaterialRow,
  type StepRow,
  type FaqRow,
  type ServiceItem,
} from '@zw/shared';

/*
 * The guide form and the API, both ways. The form holds what the inputs hold
 * (numbers as the text typed, keywords as one line, no link as ''), so a
 * half-typed "1a" stays on screen with a message instead of vanishing. How
 * each field is held is part of its declaration in the shared content model
 * (`form` codec), so a new field needs no change here. The record sent back is
 * checked with the same shared schema the server uses, so the messages next to
 * the fields are the server's words.
 */

export type { FaqRow, LawRow, MaterialRow, StepRow };

/** Every field the form holds (all but status), as its inputs hold it. */
export type ItemForm = FormOf<typeof itemFields>;

/** The record's editable fields (no status: that changes through publish / unpublish). */
export type ItemRecord = FormRecord<typeof itemFields>;

export const emptyLaw = (): LawRow => ({ law: '', articles: '' });
export const emptyStep = (): StepRow => ({ title: '', description: '', days: '' });
export const emptyMaterial = (): MaterialRow => ({ name: '', form: '原件', copies: '1', required: true, notes: '', templateUrl: '' });
export const emptyFaq = (): FaqRow => ({ q: '', a: '' });

const codec = formCodecOf(itemFields);

/** A record (or the editor's full item) as the form holds it. */
export const toForm = (item: ItemRecord | EditorItem): ItemForm => codec.toForm(item);

/** Keywords as typed on one line, separated by 、，, or spaces. */
export const splitKeywords = splitWords;

/** The form as the API's record (not yet checked). */
export const fromForm = (f: ItemForm): ItemRecord => codec.fromForm(f);

/** Field path → message; the first message for a path wins (as on the server). */
export type FieldErrors = Record<string, string>;

export function problemsToErrors(problems: ReadonlyArray<Pick<FieldProblem, 'field' | 'message'>>): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) if (!(p.field in out)) out[p.field] = p.message;
  return out;
}

/** Top-level fields whose value differs between two records: what a PATCH needs to send. */
export function changedKeys(before: ItemRecord, after: ItemRecord): Array<keyof ItemRecord> {
  return (Object.keys(after) as Array<keyof ItemRecord>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export type SaveCheck = { ok: true; patch: Partial<ItemRecord>; record: ItemRecord } | { ok: false; errors: FieldErrors };

/**
 * What 保存草稿 would send: only the changed fields, checked with the draft
 * schema (empty is fine, malformed is not). A field that did not change is not
 * sent, so a save never writes back a value the editor did not touch.
 */
export function checkSave(base: ItemRecord, form: ItemForm): SaveCheck {
  const record = fromForm(form);
  const patch: Partial<ItemRecord> = {};
  for (const k of changedKeys(base, record)) (patch as Record<string, unknown>)[k] = record[k];
  const r = ItemPatchBody.safeParse(patch);
  if (!r.success)
    return {
      ok: false,
      errors: problemsToErrors(r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }))),
    };
  return { ok: true, patch: r.data as Partial<ItemRecord>, record };
}

/** What publishing this form would refuse, in the server's words and order (七公开 first). */
export function publishCheck(form: ItemForm): FieldProblem[] {
  return itemPublishProblems(fromForm(form) as unknown as Record<string, unknown>);
}

// ---------------------------------------------------------------- rows

export const addRow = <T>(rows: readonly T[], row: T): T[] => [...rows, row];
export const removeRow = <T>(rows: readonly T[], index: number): T[] => rows.filter((_, i) => i !== index);

/** Moves a row up (-1) or down (+1); a move past either end changes nothing. */
export function moveRow<T>(rows: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const out = [...rows];
  [out[index], out[to]] = [out[to] as T, out[index] as T];
  return out;
}

/**
 * Field errors move with their rows: after removing or moving row i, the
 * message for `procedure.2.title` must follow its row, or it would sit next to
 * the wrong step. Errors of the list's own rows are re-keyed; others stay.
 */
export function reindexErrors(errors: FieldErrors, list: string, order: ReadonlyArray<number | null>): FieldErrors {
  // order[newIndex] = oldIndex (null for a new row)
  const oldToNew = new Map<number, number>();
  order.forEach((old, i) => {
    if (old !== null) oldToNew.set(old, i);
  });
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`).exec(k);
    if (!m) {
      out[k] = v;
      continue;
    }
    const to = oldToNew.get(Number(m[1]));
    if (to !== undefined) out[`${list}.${to}${m[2] ?? ''}`] = v;
  }
  return out;
}

// ---------------------------------------------------------------- preview

/**
 * The form as the citizen's guide page reads it. Windows and policy
 * interpretations are linked elsewhere (大厅窗口, 政策解读), so the preview
 * shows the ones the published guide has, none for a new draft.
 */
export function toPreview(
  form: ItemForm,
  meta: { id: number; qrCode: string; createdAt: string; updatedAt: string; department: ServiceItem['department'] },
  extra: Pick<ServiceItem, 'windows' | 'interpretations'> = { windows: [], interpretations: [] },
): ServiceItem {
  const r = fromForm(form);
  const safe = (n: number) => (Number.isNaN(n) ? 0 : n);
  return {
    ...r,
    status: 'published',
    procedure: r.procedure.map((s) => ({ ...s, days: s.days !== null && Number.isNaN(s.days) ? null : s.days })),
    materials: r.materials.map((m) => ({ ...m, copies: safe(m.copies) })),
    statutoryLimitDays: safe(r.statutoryLimitDays),
    promisedLimitDays: safe(r.promisedLimitDays),
    visitsNeeded: safe(r.visitsNeeded),
    id: meta.id,
    qrCode: meta.qrCode,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    department: meta.department,
    windows: extra.windows,
    interpretations: extra.interpretations,
  };
}
