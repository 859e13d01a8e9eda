import { z } from 'zod';
import { DateOnly, PublicPhone, Timestamp } from './common';

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 字` });

// ---------------------------------------------------------------- departments

export const Department = z.object({
  id: z.number().int(),
  /** Short stable slug used in URLs and QR codes, e.g. `rsj`. */
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  description: z.string(),
  phone: z.string(),
  address: z.string(),
});
export type Department = z.infer<typeof Department>;

// ---------------------------------------------------------------- service items (办事指南)

/** 事项类型, as used by the national government-service platform. */
export const ItemType = z.enum(['行政许可', '行政给付', '行政确认', '行政征收', '行政裁决', '行政奖励', '其他行政权力', '公共服务']);
export type ItemType = z.infer<typeof ItemType>;

export const ContentStatus = z.enum(['published', 'draft']);
export type ContentStatus = z.infer<typeof ContentStatus>;

/** 办理依据: a law or regulation and the articles that apply. */
export const LegalBasis = z.object({
  law: text(200, '法律法规名称'),
  articles: z.string().trim().max(2000).default(''),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

/** One step of 办理程序, in order. */
export const ProcedureStep = z.object({
  title: text(50, '步骤名称'),
  description: text(1000, '步骤说明'),
  /** Working days this step takes, when the guide states it. */
  days: z.number().int().min(0).max(365).nullable().default(null),
});
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const MaterialForm = z.enum(['原件', '复印件', '原件和复印件', '电子版']);

/** 申请材料 */
export const Material = z.object({
  name: text(200, '材料名称'),
  form: MaterialForm,
  copies: z.number().int().min(0).max(99),
  required: z.boolean(),
  notes: z.string().trim().max(500).default(''),
  /** Link to a blank form or sample, when there is one. */
  templateUrl: z.url().nullable().default(null),
});
export type Material = z.infer<typeof Material>;

/** 收费标准: either a fee with its standard and basis, or 不收费 with its basis. */
export const Fee = z.object({
  charged: z.boolean(),
  standard: z.string().trim().max(1000),
  basis: z.string().trim().max(1000),
});
export type Fee = z.infer<typeof Fee>;

export const Faq = z.object({ q: text(300, '问题'), a: text(2000, '回答') });
export type Faq = z.infer<typeof Faq>;

/** Everything an editor provides for a guide; the 七公开 fields come first. */
export const ServiceItemInput = z.object({
  // 七公开
  name: text(100, '事项名称'),
  legalBasis: z.array(LegalBasis).min(1, { error: '办理依据至少一条' }),
  procedure: z.array(ProcedureStep).min(1, { error: '办理程序至少一步' }),
  conditions: z.array(text(500, '办理条件')).min(1, { error: '办理条件至少一条' }),
  fee: Fee,
  responsibleUnit: text(100, '责任单位'),
  supervisionPhone: PublicPhone,
  // 其他公开要素
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{6,12}[A-Z]{2}-[A-Z]{2}-[0-9]{4}$/, { error: '事项编码格式应如 62052400MZ-XK-0001' }),
  itemType: ItemType,
  departmentId: z.number().int().positive(),
  summary: text(200, '简介'),
  materials: z.array(Material),
  statutoryLimitDays: z.number().int().min(0).max(365),
  promisedLimitDays: z.number().int().min(0).max(365),
  consultPhone: PublicPhone,
  location: text(200, '办理地点'),
  officeHours: text(200, '办公时间'),
  /** 到现场次数: 0 = 全程网办, 1 = 最多跑一次. */
  visitsNeeded: z.number().int().min(0).max(5),
  onlineUrl: z.url().nullable(),
  resultName: z.string().trim().max(100),
  faq: z.array(Faq),
  /** Everyday words and aliases citizens type (e.g. 社保 for 社会保障卡). */
  keywords: z.array(z.string().trim().min(1).max(20)).max(30),
  status: ContentStatus,
});
export type ServiceItemInput = z.infer<typeof ServiceItemInput>;

export const ServiceItemSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  itemType: ItemType,
  summary: z.string(),
  department: z.object({ id: z.number().int(), name: z.string() }),
  promisedLimitDays: z.number().int(),
  visitsNeeded: z.number().int(),
  onlineAvailable: z.boolean(),
  updatedAt: Timestamp,
});
export type ServiceItemSummary = z.infer<typeof ServiceItemSummary>;

export const WindowRef = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  hallId: z.number().int(),
  hallName: z.string(),
});
export type WindowRef = z.infer<typeof WindowRef>;

export const InterpretationRef = z.object({
  id: z.number().int(),
  title: z.string(),
  policyId: z.number().int(),
  policyTitle: z.string(),
  publishedAt: DateOnly,
});
export type InterpretationRef = z.infer<typeof InterpretationRef>;

export const ServiceItem = ServiceItemInput.omit({ departmentId: true }).extend({
  id: z.number().int(),
  department: z.object({ id: z.number().int(), name: z.string(), phone: z.string() }),
  windows: z.array(WindowRef),
  interpretations: z.array(InterpretationRef),
  qrCode: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ServiceItem = z.infer<typeof ServiceItem>;

// ---------------------------------------------------------------- halls and windows

export const WindowInput = z.object({
  hallId: z.number().int().positive(),
  /** As painted above the window, e.g. `A05`. */
  number: z.string().trim().min(1).max(10),
  name: text(50, '窗口名称'),
  departmentId: z.number().int().positive().nullable(),
  description: z.string().trim().max(500),
  itemIds: z.array(z.number().int().positive()),
});
export type WindowInput = z.infer<typeof WindowInput>;

export const HallInput = z.object({
  name: text(100, '大厅名称'),
  address: text(200, '地址'),
  phone: PublicPhone,
  /** Opening hours in words, e.g. 工作日 9:00-12:00、13:30-17:00. */
  hours: text(200, '办公时间'),
  description: z.string().trim().max(1000),
  /** How to get there: bus lines, parking. */
  directions: z.string().trim().max(500),
});
export type HallInput = z.infer<typeof HallInput>;

export const ServiceWindow = WindowInput.omit({ itemIds: true, departmentId: true }).extend({
  id: z.number().int(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  qrCode: z.string(),
});
export type ServiceWindow = z.infer<typeof ServiceWindow>;

export const Hall = HallInput.extend({
  id: z.number().int(),
  qrCode: z.string(),
  windowCount: z.number().int(),
  updatedAt: Timestamp,
});
export type Hall = z.infer<typeof Hall>;

export const HallDetail = Hall.extend({ windows: z.array(ServiceWindow) });
export type HallDetail = z.infer<typeof HallDetail>;

export const WindowDetail = ServiceWindow.extend({
  hall: Hall,
  items: z.array(ServiceItemSummary),
});
export type WindowDetail = z.infer<typeof WindowDetail>;

// ---------------------------------------------------------------- policies and interpretations (政策解读)

export const PolicyValidity = z.enum(['有效', '已修订', '已废止']);
export type PolicyValidity = z.infer<typeof PolicyValidity>;

export const PolicyInput = z.object({
  title: text(200, '文件标题'),
  /** 文号, e.g. 青政办发〔2025〕12号. */
  docNumber: text(50, '文号'),
  issuer: text(100, '发文机关'),
  departmentId: z.number().int().positive().nullable(),
  issuedAt: DateOnly,
  effectiveAt: DateOnly,
  expiresAt: DateOnly.nullable(),
  validity: PolicyValidity,
  summary: text(500, '摘要'),
  /** Full text of the document (may be long). */
  body: z.string().trim().max(50_000),
  status: ContentStatus,
});
export type PolicyInput = z.infer<typeof PolicyInput>;

export const InterpretationForm = z.enum(['文字解读', '问答解读', '图解']);

export const KeyTerm = z.object({ term: text(50, '术语'), definition: text(500, '释义') });

/** 谁起草谁解读: the required parts of an interpretation. */
export const InterpretationInput = z.object({
  policyId: z.number().int().positive(),
  title: text(200, '解读标题'),
  form: InterpretationForm,
  /** 解读机关/解读人 */
  interpreter: text(100, '解读机关'),
  publishedAt: DateOnly,
  background: text(3000, '背景依据'),
  purpose: text(2000, '出台目的'),
  mainPoints: z.array(text(1000, '主要内容')).min(1),
  scope: text(1000, '适用范围'),
  keyTerms: z.array(KeyTerm),
  changes: z.string().trim().max(2000),
  benefits: z.string().trim().max(2000),
  qa: z.array(Faq),
  itemIds: z.array(z.number().int().positive()),
  status: ContentStatus,
});
export type InterpretationInput = z.infer<typeof InterpretationInput>;

export const Interpretation = InterpretationInput.omit({ itemIds: true }).extend({
  id: z.number().int(),
  items: z.array(ServiceItemSummary),
  updatedAt: Timestamp,
});
export type Interpretation = z.infer<typeof Interpretation>;

export const PolicySummary = PolicyInput.omit({ body: true, departmentId: true, status: true }).extend({
  id: z.number().int(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  interpretationCount: z.number().int(),
  updatedAt: Timestamp,
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const PolicyDetail = PolicySummary.extend({
  body: z.string(),
  interpretations: z.array(Interpretation),
});
export type PolicyDetail = z.infer<typeof PolicyDetail>;

export const InterpretationDetail = Interpretation.extend({ policy: PolicySummary });
export type InterpretationDetail = z.infer<typeof InterpretationDetail>;

// ---------------------------------------------------------------- QR targets

export const QrTargetType = z.enum(['hall', 'window', 'item']);
export type QrTargetType = z.infer<typeof QrTargetType>;

/** Short stable code printed in a QR URL, e.g. `w7k2m9`: lowercase letters and digits, no look-alikes. */
export const QrCode = z.string().regex(/^[a-z0-9]{4,16}$/, { error: '二维码编号格式不正确' });

export const QrResolution = z.object({
  code: z.string(),
  type: QrTargetType,
  id: z.number().int(),
  title: z.string(),
  /** Mini-program page path to open, the same in weapp and H5. */
  path: z.string(),
});
export type QrResolution = z.infer<typeof QrResolution>;
