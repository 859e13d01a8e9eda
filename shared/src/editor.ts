import { z } from 'zod';
import { DateOnly, IdParam, PageQuery, paged, Timestamp } from './common';
import {
  ContentStatus,
  Faq,
  HallInput,
  InterpretationForm,
  InterpretationInput,
  ItemType,
  KeyTerm,
  LegalBasis,
  Material,
  PolicyInput,
  PolicyValidity,
  ProcedureStep,
  ServiceItemInput,
  WindowInput,
} from './content';

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

/** 七公开: what a county must publish for every approval item, in the order it is printed. */
export const sevenPublicFields = [
  'name',
  'legalBasis',
  'procedure',
  'conditions',
  'fee',
  'responsibleUnit',
  'supervisionPhone',
] as const satisfies ReadonlyArray<keyof ServiceItemInput>;
export type SevenPublicField = (typeof sevenPublicFields)[number];

export const itemFieldLabels: Record<keyof ServiceItemInput, string> = {
  name: '项目（事项名称）',
  legalBasis: '办理依据',
  procedure: '办理程序',
  conditions: '办理条件',
  fee: '收费标准',
  responsibleUnit: '责任单位',
  supervisionPhone: '监督电话',
  code: '事项编码',
  itemType: '事项类型',
  departmentId: '实施部门',
  summary: '简介',
  materials: '申请材料',
  statutoryLimitDays: '法定时限',
  promisedLimitDays: '承诺时限',
  consultPhone: '咨询电话',
  location: '办理地点',
  officeHours: '办公时间',
  visitsNeeded: '到现场次数',
  onlineUrl: '网上办理地址',
  resultName: '办理结果',
  faq: '常见问题',
  keywords: '搜索关键词',
  status: '状态',
};

export const policyFieldLabels: Record<keyof PolicyInput, string> = {
  title: '文件标题',
  docNumber: '文号',
  issuer: '发文机关',
  departmentId: '牵头部门',
  issuedAt: '成文日期',
  effectiveAt: '施行日期',
  expiresAt: '失效日期',
  validity: '效力状态',
  summary: '摘要',
  body: '正文',
  status: '状态',
};

export const interpretationFieldLabels: Record<keyof InterpretationInput, string> = {
  policyId: '所解读的文件',
  title: '解读标题',
  form: '解读形式',
  interpreter: '解读机关',
  publishedAt: '发布日期',
  background: '背景依据',
  purpose: '出台目的',
  mainPoints: '主要内容',
  scope: '适用范围',
  keyTerms: '关键术语',
  changes: '新旧政策差异',
  benefits: '惠民举措',
  qa: '问答',
  itemIds: '关联事项',
  status: '状态',
};

export const hallFieldLabels: Record<keyof HallInput, string> = {
  name: '大厅名称',
  address: '地址',
  phone: '咨询电话',
  hours: '办公时间',
  description: '简介',
  directions: '交通指引',
};

export const windowFieldLabels: Record<keyof WindowInput, string> = {
  hallId: '所在大厅',
  number: '窗口编号',
  name: '窗口名称',
  departmentId: '进驻部门',
  description: '说明',
  itemIds: '可办事项',
};

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

/**
 * 收费标准 must say something even when nothing is charged ("不收费"), and
 * a charged fee needs the basis it is charged on: an empty fee block is the
 * 公开 failing silently.
 */
export const PublishableFee = z
  .object({
    charged: z.boolean(),
    standard: z.string().trim().min(1, { error: '收费标准不能为空（不收费的请写“不收费”）' }).max(1000),
    basis: z.string().trim().max(1000),
  })
  .refine((f) => !f.charged || f.basis.length > 0, { error: '收费的事项须写明收费依据', path: ['basis'] });

/** What a published guide must satisfy: the public schema, with a fee that says something. */
export const PublishableItem = ServiceItemInput.extend({ fee: PublishableFee });

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

/** Text that may still be empty in a draft (length still checked). */
const draftText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 字` });
/** A phone number, or nothing yet. */
const draftPhone = z
  .string()
  .trim()
  .regex(/^([0-9][0-9-]{3,19})?$/, { error: '电话号码格式不正确' });
/** A date, or nothing yet. */
const draftDate = z.union([DateOnly, z.literal('')], { error: '必须是 YYYY-MM-DD 日期' });
const days = (label: string) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(365, { error: `${label}不能超过 365` });

const draftFee = z.object({
  charged: z.boolean({ error: '请选择是否收费' }),
  standard: draftText(1000, '收费标准'),
  basis: draftText(1000, '收费依据'),
});

/** Every field of a guide as a draft may hold it. */
export const ServiceItemDraft = z.object({
  name: draftText(100, '事项名称'),
  legalBasis: z.array(LegalBasis),
  procedure: z.array(ProcedureStep),
  conditions: z.array(draftText(500, '办理条件')),
  fee: draftFee,
  responsibleUnit: draftText(100, '责任单位'),
  supervisionPhone: draftPhone,
  code: ServiceItemInput.shape.code,
  itemType: ItemType,
  departmentId: z.number().int().positive(),
  summary: draftText(200, '简介'),
  materials: z.array(Material),
  statutoryLimitDays: days('法定时限'),
  promisedLimitDays: days('承诺时限'),
  consultPhone: draftPhone,
  location: draftText(200, '办理地点'),
  officeHours: draftText(200, '办公时间'),
  visitsNeeded: z.number().int({ error: '到现场次数必须是整数' }).min(0).max(5, { error: '到现场次数不能超过 5' }),
  onlineUrl: z.url({ error: '网上办理地址必须是网址' }).nullable(),
  resultName: draftText(100, '办理结果'),
  faq: z.array(Faq),
  keywords: z.array(z.string().trim().min(1).max(20, { error: '关键词不能超过 20 字' })).max(30, { error: '关键词最多 30 个' }),
  status: ContentStatus,
});
export type ServiceItemDraft = z.infer<typeof ServiceItemDraft>;

/** What a new guide starts with besides what the editor gave. */
export const emptyItemDraft: Omit<ServiceItemDraft, 'code' | 'name' | 'itemType' | 'departmentId'> = {
  legalBasis: [],
  procedure: [],
  conditions: [],
  fee: { charged: false, standard: '', basis: '' },
  responsibleUnit: '',
  supervisionPhone: '',
  summary: '',
  materials: [],
  statutoryLimitDays: 0,
  promisedLimitDays: 0,
  consultPhone: '',
  location: '',
  officeHours: '',
  visitsNeeded: 1,
  onlineUrl: null,
  resultName: '',
  faq: [],
  keywords: [],
  status: 'draft',
};

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

export const PolicyDraft = z.object({
  title: draftText(200, '文件标题'),
  docNumber: PolicyInput.shape.docNumber,
  issuer: draftText(100, '发文机关'),
  departmentId: z.number().int().positive().nullable(),
  issuedAt: draftDate,
  effectiveAt: draftDate,
  expiresAt: DateOnly.nullable(),
  validity: PolicyValidity,
  summary: draftText(500, '摘要'),
  body: z.string().trim().max(50_000, { error: '正文不能超过 50000 字' }),
  status: ContentStatus,
});
export type PolicyDraft = z.infer<typeof PolicyDraft>;

export const emptyPolicyDraft: Omit<PolicyDraft, 'docNumber' | 'title'> = {
  issuer: '',
  departmentId: null,
  issuedAt: '',
  effectiveAt: '',
  expiresAt: null,
  validity: '有效',
  summary: '',
  body: '',
  status: 'draft',
};

export const PolicyCreateBody = PolicyDraft.omit({ status: true })
  .partial()
  .required({ docNumber: true, title: true })
  .extend({ title: PolicyInput.shape.title });
export const PolicyPatchBody = PolicyDraft.omit({ status: true }).partial().extend({ baseVersion: BaseVersion.optional() });
export type PolicyCreateBody = z.infer<typeof PolicyCreateBody>;
export type PolicyPatchBody = z.infer<typeof PolicyPatchBody>;

export const InterpretationDraft = z.object({
  policyId: z.number().int().positive(),
  title: draftText(200, '解读标题'),
  form: InterpretationForm,
  interpreter: draftText(100, '解读机关'),
  publishedAt: draftDate,
  background: draftText(3000, '背景依据'),
  purpose: draftText(2000, '出台目的'),
  mainPoints: z.array(draftText(1000, '主要内容')),
  scope: draftText(1000, '适用范围'),
  keyTerms: z.array(KeyTerm),
  changes: draftText(2000, '新旧政策差异'),
  benefits: draftText(2000, '惠民举措'),
  qa: z.array(Faq),
  itemIds: z.array(z.number().int().positive()),
  status: ContentStatus,
});
export type InterpretationDraft = z.infer<typeof InterpretationDraft>;

export const emptyInterpretationDraft: Omit<InterpretationDraft, 'policyId' | 'title'> = {
  form: '文字解读',
  interpreter: '',
  publishedAt: '',
  background: '',
  purpose: '',
  mainPoints: [],
  scope: '',
  keyTerms: [],
  changes: '',
  benefits: '',
  qa: [],
  itemIds: [],
  status: 'draft',
};

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
