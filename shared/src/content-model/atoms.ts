import { z } from 'zod';
import { DateOnly } from '../common';
import { draftText, text } from './field';

/*
 * The value types fields are made of (a step of 办理程序, a material, a fee…),
 * shared by several kinds; content.ts re-exports them under the same names.
 */

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

/** A fee in a draft: every part may still be empty. */
export const DraftFee = z.object({
  charged: z.boolean({ error: '请选择是否收费' }),
  standard: draftText(1000, '收费标准'),
  basis: draftText(1000, '收费依据'),
});

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

export const Faq = z.object({ q: text(300, '问题'), a: text(2000, '回答') });
export type Faq = z.infer<typeof Faq>;

export const PolicyValidity = z.enum(['有效', '已修订', '已废止']);
export type PolicyValidity = z.infer<typeof PolicyValidity>;

export const InterpretationForm = z.enum(['文字解读', '问答解读', '图解']);

export const KeyTerm = z.object({ term: text(50, '术语'), definition: text(500, '释义') });

/** A date, or nothing yet. */
export const DraftDate = z.union([DateOnly, z.literal('')], { error: '必须是 YYYY-MM-DD 日期' });
