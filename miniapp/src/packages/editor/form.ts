import {
  ItemPatchBody,
  itemPublishProblems,
  type EditorItem,
  type FieldProblem,
  type ServiceItem,
  type ServiceItemDraft,
} from '@zw/shared';

/*
 * The guide form and the API, both ways. The form holds what the inputs hold
 * (numbers as the text typed, keywords as one line, no link as ''), so a
 * half-typed "1a" stays on screen with a message instead of vanishing. The
 * record sent back is checked with the same shared schema the server uses, so
 * the messages next to the fields are the server's words.
 */

export type LawRow = { law: string; articles: string };
export type StepRow = { title: string; description: string; days: string };
export type MaterialRow = {
  name: string;
  form: ServiceItemDraft['materials'][number]['form'];
  copies: string;
  required: boolean;
  notes: string;
  templateUrl: string;
};
export type FaqRow = { q: string; a: string };

export type ItemForm = {
  name: string;
  code: string;
  itemType: ServiceItemDraft['itemType'];
  departmentId: number;
  summary: string;
  legalBasis: LawRow[];
  procedure: StepRow[];
  conditions: string[];
  fee: { charged: boolean; standard: string; basis: string };
  responsibleUnit: string;
  supervisionPhone: string;
  materials: MaterialRow[];
  statutoryLimitDays: string;
  promisedLimitDays: string;
  consultPhone: string;
  location: string;
  officeHours: string;
  visitsNeeded: string;
  onlineUrl: string;
  resultName: string;
  faq: FaqRow[];
  keywords: string;
};

/** The record's editable fields (no status: that changes through publish / unpublish). */
export type ItemRecord = Omit<ServiceItemDraft, 'status'>;

export const emptyLaw = (): LawRow => ({ law: '', articles: '' });
export const emptyStep = (): StepRow => ({ title: '', description: '', days: '' });
export const emptyMaterial = (): MaterialRow => ({ name: '', form: '原件', copies: '1', required: true, notes: '', templateUrl: '' });
export const emptyFaq = (): FaqRow => ({ q: '', a: '' });

const num = (n: number | null) => (n === null ? '' : String(n));

export function toForm(item: ItemRecord | EditorItem): ItemForm {
  return {
    name: item.name,
    code: item.code,
    itemType: item.itemType,
    departmentId: item.departmentId,
    summary: item.summary,
    legalBasis: item.legalBasis.map((b) => ({ law: b.law, articles: b.articles })),
    procedure: item.procedure.map((s) => ({ title: s.title, description: s.description, days: num(s.days) })),
    conditions: [...item.conditions],
    fee: { ...item.fee },
    responsibleUnit: item.responsibleUnit,
    supervisionPhone: item.supervisionPhone,
    materials: item.materials.map((m) => ({
      name: m.name,
      form: m.form,
      copies: String(m.copies),
      required: m.required,
      notes: m.notes,
      templateUrl: m.templateUrl ?? '',
    })),
    statutoryLimitDays: String(item.statutoryLimitDays),
    promisedLimitDays: String(item.promisedLimitDays),
    consultPhone: item.consultPhone,
    location: item.location,
    officeHours: item.officeHours,
    visitsNeeded: String(item.visitsNeeded),
    onlineUrl: item.onlineUrl ?? '',
    resultName: item.resultName,
    faq: item.faq.map((f) => ({ q: f.q, a: f.a })),
    keywords: item.keywords.join('、'),
  };
}

/** Typed digits → a number; anything else → NaN, which the schema names ("…必须是整数"). */
function toInt(text: string): number {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

/** Keywords as typed on one line, separated by 、，, or spaces. */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** The form as the API's record (not yet checked). */
export function fromForm(f: ItemForm): ItemRecord {
  return {
    name: f.name.trim(),
    code: f.code.trim().toUpperCase(),
    itemType: f.itemType,
    departmentId: f.departmentId,
    summary: f.summary,
    legalBasis: f.legalBasis.map((b) => ({ law: b.law, articles: b.articles })),
    procedure: f.procedure.map((s) => ({ title: s.title, description: s.description, days: s.days.trim() === '' ? null : toInt(s.days) })),
    conditions: [...f.conditions],
    fee: { ...f.fee },
    responsibleUnit: f.responsibleUnit,
    supervisionPhone: f.supervisionPhone.trim(),
    materials: f.materials.map((m) => ({
      name: m.name,
      form: m.form,
      copies: toInt(m.copies),
      required: m.required,
      notes: m.notes,
      templateUrl: m.templateUrl.trim() === '' ? null : m.templateUrl.trim(),
    })),
    statutoryLimitDays: toInt(f.statutoryLimitDays),
    promisedLimitDays: toInt(f.promisedLimitDays),
    consultPhone: f.consultPhone.trim(),
    location: f.location,
    officeHours: f.officeHours,
    visitsNeeded: toInt(f.visitsNeeded),
    onlineUrl: f.onlineUrl.trim() === '' ? null : f.onlineUrl.trim(),
    resultName: f.resultName,
    faq: f.faq.map((q) => ({ q: q.q, a: q.a })),
    keywords: splitKeywords(f.keywords),
  };
}

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
export const setRow = <T>(rows: readonly T[], index: number, row: T): T[] => rows.map((r, i) => (i === index ? row : r));

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
