import { z } from 'zod';
import { DateOnly, Timestamp } from './common';
import { hallFields, interpretationFields, itemFields, policyFields, publicSchema, windowFields } from './content-model';
import { ItemType } from './content-model/atoms';

// The value types of the content model, under their usual names.
export {
  ContentStatus,
  Faq,
  Fee,
  InterpretationForm,
  ItemType,
  KeyTerm,
  LegalBasis,
  Material,
  MaterialForm,
  PolicyValidity,
  ProcedureStep,
} from './content-model/atoms';

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

/** Everything an editor provides for a guide (the public contract), from the content model; the 七公开 fields come first. */
export const ServiceItemInput = publicSchema(itemFields);
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

export const WindowInput = publicSchema(windowFields);
export type WindowInput = z.infer<typeof WindowInput>;

export const HallInput = publicSchema(hallFields);
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

export const PolicyInput = publicSchema(policyFields);
export type PolicyInput = z.infer<typeof PolicyInput>;

/** 谁起草谁解读: the required parts of an interpretation. */
export const InterpretationInput = publicSchema(interpretationFields);
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
