import { z } from 'zod';
import { IdParam, PageQuery, paged, Timestamp } from './common';
import { ContentStatus, HallInput, InterpretationInput, ItemType, PolicyInput, ServiceItemInput, WindowInput } from './content';
import {
  draftSchema,
  emptyDraftOf,
  hallFields,
  interpretationFields,
  itemFields,
  labelsOf,
  policyFields,
  publishSchema,
  windowFields,
  type EmptyDraft,
} from './content-model';
import { itemFieldLabels, sevenPublicFields } from './content-model/item-presentation';

/*
 * The editing side (政务公开专员): drafts, publishing, history, import/export.
 *
 * Drafts may be incomplete: every field has the right type and length, but
 * required text may be empty and lists may be empty. Publishing checks the
 * whole record against the public schema (ServiceItemInput…) and answers with
 * every problem, named by field and by its Chinese label, so the editor page
 * can point at each one. The same checks are exported here (`publishProblems`)
 * for the page to run before it even asks.
 */

// ---------------------------------------------------------------- labels

/** 七公开 order, guide labels and titles: zod-free, from the registry's presentation part (item-presentation.ts). */
export { itemFieldLabels, sevenPublicFields };
export { sevenPublicTitles, type SevenPublicField } from './content-model/item-presentation';

/** 中文字段名 of every field, from the content model. */
export const policyFieldLabels = labelsOf(policyFields);
export const interpretationFieldLabels = labelsOf(interpretationFields);
export const hallFieldLabels = labelsOf(hallFields);
export const windowFieldLabels = labelsOf(windowFields);

// ---------------------------------------------------------------- problems

/** One reason a record cannot be published (or saved): the field, its label, what is wrong. */
export const FieldProblem = z.object({
  /** Where, e.g. `legalBasis` or `materials.0.name` (no `body.` prefix: the record's own path). */
  field: z.string(),
  /** The top-level field's Chinese label, e.g. 办理依据. */
  label: z.string(),
  message: z.string(),
  /** True when the field is simply empty (not filled in yet), rather than filled in wrongly. */
  missing: z.boolean(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

type Issue = { path: ReadonlyArray<PropertyKey>; message: string; code?: string };

/** zod issues → problems with labels, one per distinct path (the first message wins). */
export function toProblems(issues: ReadonlyArray<Issue>, labels: Record<string, string>, record: Record<string, unknown>): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const i of issues) {
    const field = i.path.map(String).join('.') || '(record)';
    if (seen.has(field)) continue;
    seen.add(field);
    const top = String(i.path[0] ?? '');
    out.push({ field, label: labels[top] ?? top, message: i.message, missing: i.path.length === 1 && isEmpty(record[top]) });
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

export const PublishableItem = publishSchema(itemFields);

/**
 * Every problem that stops `record` from being published, labelled; empty when
 * it can be published. The 七公开 come first, in their printed order.
 */
export function itemPublishProblems(record: Record<string, unknown>): FieldProblem[] {
  const r = PublishableItem.safeParse({ ...record, status: 'published' });
  if (r.success) return [];
  const problems = toProblems(r.error.issues, itemFieldLabels, record);
  const rank = (p: FieldProblem) => {
    const i = (sevenPublicFields as readonly string[]).indexOf(p.field.split('.')[0] ?? '');
    return i < 0 ? sevenPublicFields.length : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

export function policyPublishProblems(record: Record<string, unknown>): FieldProblem[] {
  const r = PolicyInput.safeParse({ ...record, status: 'published' });
  return r.success ? [] : toProblems(r.error.issues, policyFieldLabels, record);
}

export function interpretationPublishProblems(record: Record<string, unknown>): FieldProblem[] {
  const r = InterpretationInput.safeParse({ ...record, status: 'published' });
  return r.success ? [] : toProblems(r.error.issues, interpretationFieldLabels, record);
}

// ---------------------------------------------------------------- drafts

/** Every field of a guide as a draft may hold it. */
export const ServiceItemDraft = draftSchema(itemFields);
export type ServiceItemDraft = z.infer<typeof ServiceItemDraft>;

/** What a new guide starts with besides what the editor gave (code, name, itemType, departmentId). */
export const emptyItemDraft: EmptyDraft<typeof itemFields> = emptyDraftOf(itemFields);

/** The version an edit was based on; `If-Match: "v3"` may carry it instead. */
const BaseVersion = z
  .number({ error: 'baseVersion 必须是版本号（整数）' })
  .int({ error: 'baseVersion 必须是整数' })
  .positive({ error: 'baseVersion 必须是正整数' });

/** POST /api/editor/items: a new guide starts as a draft with these four; the rest may follow. */
export const ItemCreateBody = ServiceItemDraft.omit({ status: true })
  .partial()
  .required({ code: true, name: true, itemType: true, departmentId: true })
  .extend({ name: ServiceItemInput.shape.name });
export type ItemCreateBody = z.infer<typeof ItemCreateBody>;

/** PATCH /api/editor/items/:id: only the fields that change. Status changes through publish/unpublish. */
export const ItemPatchBody = ServiceItemDraft.omit({ status: true }).partial().extend({ baseVersion: BaseVersion.optional() });
export type ItemPatchBody = z.infer<typeof ItemPatchBody>;

/** Body of publish / unpublish / review: optional, but when given the version must still be current. */
export const VersionBody = z.object({ baseVersion: BaseVersion.optional() });
export type VersionBody = z.infer<typeof VersionBody>;

export const EditorMeta = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: ContentStatus,
  reviewedAt: Timestamp.nullable(),
  reviewedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** What publishing would refuse right now (empty when it can be published). */
  publishProblems: z.array(FieldProblem),
});

export const EditorItem = ServiceItemDraft.extend(EditorMeta.shape).extend({ qrCode: z.string() });
export type EditorItem = z.infer<typeof EditorItem>;

export const EditorListQuery = PageQuery.extend({
  status: ContentStatus.optional(),
  department: IdParam.optional(),
  /** Matches the name/title, code or 文号 (plain substring, drafts included). */
  q: z
    .string()
    .trim()
    .max(50, { error: '搜索词不能超过 50 个字' })
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type EditorListQuery = z.infer<typeof EditorListQuery>;

export const EditorItemSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  itemType: ItemType,
  departmentId: z.number().int(),
  status: ContentStatus,
  version: z.number().int(),
  reviewedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  /** How many problems stop it from being published now (publishProblems of the full record): 待完善. */
  problemCount: z.number().int(),
});
export const EditorItemList = paged(EditorItemSummary);
export type EditorItemList = z.infer<typeof EditorItemList>;

// ---------------------------------------------------------------- policies and interpretations

export const PolicyDraft = draftSchema(policyFields);
export type PolicyDraft = z.infer<typeof PolicyDraft>;

export const emptyPolicyDraft: EmptyDraft<typeof policyFields> = emptyDraftOf(policyFields);

export const PolicyCreateBody = PolicyDraft.omit({ status: true })
  .partial()
  .required({ docNumber: true, title: true })
  .extend({ title: PolicyInput.shape.title });
export const PolicyPatchBody = PolicyDraft.omit({ status: true }).partial().extend({ baseVersion: BaseVersion.optional() });
export type PolicyCreateBody = z.infer<typeof PolicyCreateBody>;
export type PolicyPatchBody = z.infer<typeof PolicyPatchBody>;

export const InterpretationDraft = draftSchema(interpretationFields);
export type InterpretationDraft = z.infer<typeof InterpretationDraft>;

export const emptyInterpretationDraft: EmptyDraft<typeof interpretationFields> = emptyDraftOf(interpretationFields);

export const InterpretationCreateBody = InterpretationDraft.omit({ status: true, policyId: true })
  .partial()
  .required({ title: true })
  .extend({ title: InterpretationInput.shape.title });
export const InterpretationPatchBody = InterpretationDraft.omit({ status: true, policyId: true })
  .partial()
  .extend({ baseVersion: BaseVersion.optional() });
export type InterpretationCreateBody = z.infer<typeof InterpretationCreateBody>;
export type InterpretationPatchBody = z.infer<typeof InterpretationPatchBody>;

export const EditorPolicy = PolicyDraft.extend(EditorMeta.shape).extend({
  interpretations: z.array(
    z.object({ id: z.number().int(), title: z.string(), status: ContentStatus, version: z.number().int(), updatedAt: Timestamp }),
  ),
});
export type EditorPolicy = z.infer<typeof EditorPolicy>;

export const EditorInterpretation = InterpretationDraft.extend(EditorMeta.shape);
export type EditorInterpretation = z.infer<typeof EditorInterpretation>;

export const EditorPolicySummary = z.object({
  id: z.number().int(),
  docNumber: z.string(),
  title: z.string(),
  issuer: z.string(),
  status: ContentStatus,
  version: z.number().int(),
  interpretationCount: z.number().int(),
  reviewedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export const EditorPolicyList = paged(EditorPolicySummary);
export type EditorPolicyList = z.infer<typeof EditorPolicyList>;

// ---------------------------------------------------------------- halls and windows

export const HallCreateBody = HallInput;
export const HallPatchBody = HallInput.partial().extend({ baseVersion: BaseVersion.optional() });
export type HallPatchBody = z.infer<typeof HallPatchBody>;

export const WindowCreateBody = WindowInput.omit({ hallId: true });
export const WindowPatchBody = WindowInput.omit({ hallId: true }).partial().extend({ baseVersion: BaseVersion.optional() });
export type WindowCreateBody = z.infer<typeof WindowCreateBody>;
export type WindowPatchBody = z.infer<typeof WindowPatchBody>;

const EditorHallMeta = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: ContentStatus,
  qrCode: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const EditorWindow = WindowInput.extend(EditorHallMeta.shape);
export type EditorWindow = z.infer<typeof EditorWindow>;

export const EditorHall = HallInput.extend(EditorHallMeta.shape).extend({ windows: z.array(EditorWindow) });
export type EditorHall = z.infer<typeof EditorHall>;

export const EditorHallList = z.object({ data: z.array(HallInput.extend(EditorHallMeta.shape).extend({ windowCount: z.number().int() })) });

// ---------------------------------------------------------------- history

export const ContentEntityType = z.enum(['item', 'policy', 'interpretation', 'hall', 'window']);
export type ContentEntityType = z.infer<typeof ContentEntityType>;

export const VersionAction = z.enum(['baseline', 'create', 'update', 'publish', 'unpublish', 'import']);
export type VersionAction = z.infer<typeof VersionAction>;

export const versionActionLabels: Record<VersionAction, string> = {
  baseline: '版本记录开始前的内容',
  create: '新建',
  update: '修改',
  publish: '发布',
  unpublish: '撤回',
  import: '批量导入',
};

export const ContentVersion = z.object({
  version: z.number().int(),
  action: VersionAction,
  at: Timestamp,
  /** Null for a baseline and for imports run from the command line. */
  editor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  changedFields: z.array(z.string()),
  /** The same fields, as the editor page labels them. */
  changedLabels: z.array(z.string()),
});
export type ContentVersion = z.infer<typeof ContentVersion>;

export const ContentVersionList = z.object({ current: z.number().int(), data: z.array(ContentVersion) });
export const ContentVersionDetail = ContentVersion.extend({ snapshot: z.record(z.string(), z.unknown()) });
export type ContentVersionDetail = z.infer<typeof ContentVersionDetail>;

// ---------------------------------------------------------------- stale content

export const StaleQuery = z.object({
  /** Overrides the configured threshold for this report. */
  days: z.coerce
    .number({ error: '天数必须是数字' })
    .int({ error: '天数必须是整数' })
    .min(1, { error: '天数至少为 1' })
    .max(3650, { error: '天数不能超过 3650' })
    .optional(),
});

export const StaleEntry = z.object({
  type: z.enum(['item', 'policy']),
  id: z.number().int(),
  /** 事项编码 or 文号. */
  code: z.string(),
  title: z.string(),
  department: z.string().nullable(),
  reviewedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  /** Whole days since the last review (or since it was created, when never reviewed). */
  daysSinceReview: z.number().int(),
});
export const StaleReport = z.object({
  thresholdDays: z.number().int(),
  /** Where the threshold came from: the setting, or the request's `days`. */
  thresholdSource: z.enum(['setting', 'query']),
  asOf: Timestamp,
  total: z.number().int(),
  data: z.array(StaleEntry),
});
export type StaleReport = z.infer<typeof StaleReport>;

// ---------------------------------------------------------------- import / export

export const ImportKind = z.enum(['items', 'policies']);
export type ImportKind = z.infer<typeof ImportKind>;
export const ImportFormat = z.enum(['json', 'csv']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** One bad value in an import file: the line (1-based, of the row's start) and the column or JSON path. */
export const ImportIssue = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportResult = z.object({
  kind: ImportKind,
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      key: z.string(),
      action: z.enum(['created', 'updated', 'unchanged']),
      id: z.number().int().nullable(),
    }),
  ),
});
export type ImportResult = z.infer<typeof ImportResult>;

/**
 * A guide as exported and imported: department by its code (ids differ between
 * installations), no ids or timestamps. Upserted by `code`.
 */
export const ItemRecord = ServiceItemDraft.omit({ departmentId: true }).extend({
  name: ServiceItemInput.shape.name,
  department: z.string().trim().min(1, { error: '请填写部门编码' }),
});
export type ItemRecord = z.infer<typeof ItemRecord>;

/** A policy document as exported and imported (interpretations are edited through the API). Upserted by 文号. */
export const PolicyRecord = PolicyDraft.omit({ departmentId: true }).extend({
  title: PolicyInput.shape.title,
  department: z.string().trim().min(1).nullable(),
});
export type PolicyRecord = z.infer<typeof PolicyRecord>;

// ---------------------------------------------------------------- QR codes

export const QrInfo = z.object({
  type: z.enum(['hall', 'window', 'item']),
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  /** What the printed QR code encodes: opens the H5 page, or the mini-program when WeChat's URL rule is set. */
  url: z.string(),
  /** The page that code opens. */
  path: z.string(),
  /** `scene` of the mini-program code (≤ 32 characters). */
  scene: z.string(),
  /** True when WeChat credentials are configured, so `/wxacode` can answer. */
  wxacodeAvailable: z.boolean(),
});
export type QrInfo = z.infer<typeof QrInfo>;
