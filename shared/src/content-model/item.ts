import { z } from 'zod';
import { PublicPhone } from '../common';
import { ContentStatus, DraftFee, Faq, Fee, ItemType, LegalBasis, Material, ProcedureStep, PublishableFee } from './atoms';
import { codecs, days, draftPhone, draftText, field, text, toInt, type FormCodec } from './field';
import { itemPresentation as P, type ItemFieldKey } from './item-presentation';

/*
 * 办事指南 (service item). Declaration order is the order of the schemas and
 * of the editor's record; the 七公开 come first, in the order the county
 * prints them (name, legalBasis, procedure, conditions, fee, responsibleUnit,
 * supervisionPhone). Each field's label, titles and group are its entry in
 * item-presentation.ts (zod-free, for the mini-program's main package), spread in.
 */

export type { ItemGroup } from './item-presentation';

export type LawRow = { law: string; articles: string };
export type StepRow = { title: string; description: string; days: string };
export type MaterialRow = {
  name: string;
  form: Material['form'];
  copies: string;
  required: boolean;
  notes: string;
  templateUrl: string;
};
export type FaqRow = { q: string; a: string };

const num = (n: number | null) => (n === null ? '' : String(n));

const lawRows: FormCodec<LegalBasis[], LawRow[]> = {
  toForm: (v) => v.map((b) => ({ law: b.law, articles: b.articles })),
  fromForm: (f) => f.map((b) => ({ law: b.law, articles: b.articles })),
};
const stepRows: FormCodec<ProcedureStep[], StepRow[]> = {
  toForm: (v) => v.map((s) => ({ title: s.title, description: s.description, days: num(s.days) })),
  fromForm: (f) => f.map((s) => ({ title: s.title, description: s.description, days: s.days.trim() === '' ? null : toInt(s.days) })),
};
const materialRows: FormCodec<Material[], MaterialRow[]> = {
  toForm: (v) =>
    v.map((m) => ({
      name: m.name,
      form: m.form,
      copies: String(m.copies),
      required: m.required,
      notes: m.notes,
      templateUrl: m.templateUrl ?? '',
    })),
  fromForm: (f) =>
    f.map((m) => ({
      name: m.name,
      form: m.form,
      copies: toInt(m.copies),
      required: m.required,
      notes: m.notes,
      templateUrl: m.templateUrl.trim() === '' ? null : m.templateUrl.trim(),
    })),
};
const faqRows: FormCodec<Faq[], FaqRow[]> = {
  toForm: (v) => v.map((f) => ({ q: f.q, a: f.a })),
  fromForm: (f) => f.map((q) => ({ q: q.q, a: q.a })),
};

const keyword = z.string().trim().min(1).max(20, { error: '关键词不能超过 20 字' });

export const itemFields = {
  // ---------------------------------------------------------------- 七公开
  name: field({
    ...P.name,
    draft: draftText(100, '事项名称'),
    publish: text(100, '事项名称'),
    cell: 'text',
    form: codecs.trimmed,
  }),
  legalBasis: field({
    ...P.legalBasis,
    draft: z.array(LegalBasis),
    publish: z.array(LegalBasis).min(1, { error: '办理依据至少一条' }),
    empty: [],
    cell: 'json',
    form: lawRows,
  }),
  procedure: field({
    ...P.procedure,
    draft: z.array(ProcedureStep),
    publish: z.array(ProcedureStep).min(1, { error: '办理程序至少一步' }),
    empty: [],
    cell: 'json',
    form: stepRows,
  }),
  conditions: field({
    ...P.conditions,
    draft: z.array(draftText(500, '办理条件')),
    publish: z.array(text(500, '办理条件')).min(1, { error: '办理条件至少一条' }),
    empty: [],
    cell: 'lines',
    form: codecs.list,
  }),
  fee: field({
    ...P.fee,
    draft: DraftFee,
    publish: PublishableFee,
    // The public contract states the shape; what publishing adds (say something, name the basis) is the publish rule.
    public: Fee,
    empty: { charged: false, standard: '', basis: '' },
    cell: { charged: 'bool', standard: 'text', basis: 'text' },
    form: codecs.object<z.output<typeof DraftFee>>(),
  }),
  responsibleUnit: field({
    ...P.responsibleUnit,
    draft: draftText(100, '责任单位'),
    publish: text(100, '责任单位'),
    empty: '',
    cell: 'text',
    form: codecs.text,
  }),
  supervisionPhone: field({
    ...P.supervisionPhone,
    draft: draftPhone,
    publish: PublicPhone,
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
  }),

  // ---------------------------------------------------------------- 其他公开要素
  code: field({
    ...P.code,
    draft: z
      .string()
      .trim()
      .regex(/^[0-9A-Z]{6,12}[A-Z]{2}-[A-Z]{2}-[0-9]{4}$/, { error: '事项编码格式应如 62052400MZ-XK-0001' }),
    cell: 'text',
    form: { toForm: (v: string) => v, fromForm: (f: string) => f.trim().toUpperCase() },
  }),
  itemType: field({ ...P.itemType, draft: ItemType, cell: 'text', form: codecs.same<ItemType>() }),
  departmentId: field({
    ...P.departmentId,
    draft: z.number().int().positive(),
    // Exported as the department's code: ids differ between installations.
    column: 'department',
    cell: 'text',
    form: codecs.same<number>(),
  }),
  summary: field({
    ...P.summary,
    draft: draftText(200, '简介'),
    publish: text(200, '简介'),
    empty: '',
    cell: 'text',
    form: codecs.text,
  }),
  materials: field({ ...P.materials, draft: z.array(Material), empty: [], cell: 'json', form: materialRows }),
  statutoryLimitDays: field({ ...P.statutoryLimitDays, draft: days('法定时限'), empty: 0, cell: 'int', form: codecs.int }),
  promisedLimitDays: field({ ...P.promisedLimitDays, draft: days('承诺时限'), empty: 0, cell: 'int', form: codecs.int }),
  consultPhone: field({
    ...P.consultPhone,
    draft: draftPhone,
    publish: PublicPhone,
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
  }),
  location: field({
    ...P.location,
    draft: draftText(200, '办理地点'),
    publish: text(200, '办理地点'),
    empty: '',
    cell: 'text',
    form: codecs.text,
  }),
  officeHours: field({
    ...P.officeHours,
    draft: draftText(200, '办公时间'),
    publish: text(200, '办公时间'),
    empty: '',
    cell: 'text',
    form: codecs.text,
  }),
  /** 到现场次数: 0 = 全程网办, 1 = 最多跑一次. */
  visitsNeeded: field({
    ...P.visitsNeeded,
    draft: z.number().int({ error: '到现场次数必须是整数' }).min(0).max(5, { error: '到现场次数不能超过 5' }),
    empty: 1,
    cell: 'int',
    form: codecs.int,
  }),
  onlineUrl: field({
    ...P.onlineUrl,
    draft: z.url({ error: '网上办理地址必须是网址' }).nullable(),
    empty: null,
    cell: 'nullable',
    form: codecs.nullable,
  }),
  resultName: field({
    ...P.resultName,
    draft: draftText(100, '办理结果'),
    empty: '',
    cell: 'text',
    form: codecs.text,
  }),
  /**
   * 办理结果样本: a link to a sample of what the citizen receives (a licence, a
   * notice), so they know it when it comes. A link rather than an upload: the
   * samples are already published on the provincial portal, and a guide only
   * points at them. Optional, like onlineUrl; absent on guides older than it.
   */
  resultSampleUrl: field({
    ...P.resultSampleUrl,
    // A link citizens open or copy: web addresses only (no javascript:, data: or file: links).
    draft: z.url({ protocol: /^https?$/, error: '办理结果样本必须是网址' }).nullable(),
    empty: null,
    cell: 'nullable',
    form: codecs.nullable,
  }),
  faq: field({ ...P.faq, draft: z.array(Faq), empty: [], cell: 'json', form: faqRows }),
  /** Everyday words and aliases citizens type (e.g. 社保 for 社会保障卡). */
  keywords: field({
    ...P.keywords,
    draft: z.array(keyword).max(30, { error: '关键词最多 30 个' }),
    empty: [],
    cell: 'lines',
    form: codecs.words,
  }),
  status: field({ ...P.status, draft: ContentStatus, empty: 'draft', cell: 'text' }),
};
// Every field has its presentation and every presentation its field (a missing label or group fails field() already).
type _SameKeys = [keyof typeof itemFields] extends [ItemFieldKey]
  ? [ItemFieldKey] extends [keyof typeof itemFields]
    ? true
    : false
  : false;
const _sameKeys: _SameKeys = true;

/** The export/import column order: the identifying columns first, then the rest in declaration order. */
export const itemColumnLead = ['code', 'name', 'itemType', 'departmentId', 'status', 'summary'] as const satisfies ReadonlyArray<
  keyof typeof itemFields
>;
