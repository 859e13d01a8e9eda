import { z } from 'zod';
import { PublicPhone } from '../common';
import { ContentStatus, DraftFee, Faq, Fee, ItemType, LegalBasis, Material, ProcedureStep, PublishableFee } from './atoms';
import { codecs, days, draftPhone, draftText, field, text, toInt, type FormCodec } from './field';

/*
 * 办事指南 (service item). Declaration order is the order of the schemas and
 * of the editor's record; the 七公开 come first, in the order the county
 * prints them (name, legalBasis, procedure, conditions, fee, responsibleUnit,
 * supervisionPhone).
 */

export type ItemGroup = 'seven' | 'identity' | 'intro' | 'materials' | 'handling' | 'result' | 'help' | 'system';

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
    label: '项目（事项名称）',
    pageTitle: '事项名称',
    printLabel: '项目',
    draft: draftText(100, '事项名称'),
    publish: text(100, '事项名称'),
    cell: 'text',
    form: codecs.trimmed,
    group: 'seven',
  }),
  legalBasis: field({
    label: '办理依据',
    draft: z.array(LegalBasis),
    publish: z.array(LegalBasis).min(1, { error: '办理依据至少一条' }),
    empty: [],
    cell: 'json',
    form: lawRows,
    group: 'seven',
  }),
  procedure: field({
    label: '办理程序',
    draft: z.array(ProcedureStep),
    publish: z.array(ProcedureStep).min(1, { error: '办理程序至少一步' }),
    empty: [],
    cell: 'json',
    form: stepRows,
    group: 'seven',
  }),
  conditions: field({
    label: '办理条件',
    draft: z.array(draftText(500, '办理条件')),
    publish: z.array(text(500, '办理条件')).min(1, { error: '办理条件至少一条' }),
    empty: [],
    cell: 'lines',
    form: codecs.list,
    group: 'seven',
  }),
  fee: field({
    label: '收费标准',
    draft: DraftFee,
    publish: PublishableFee,
    // The public contract states the shape; what publishing adds (say something, name the basis) is the publish rule.
    public: Fee,
    empty: { charged: false, standard: '', basis: '' },
    cell: { charged: 'bool', standard: 'text', basis: 'text' },
    form: codecs.object<z.output<typeof DraftFee>>(),
    group: 'seven',
  }),
  responsibleUnit: field({
    label: '责任单位',
    draft: draftText(100, '责任单位'),
    publish: text(100, '责任单位'),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'seven',
  }),
  supervisionPhone: field({
    label: '监督电话',
    draft: draftPhone,
    publish: PublicPhone,
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
    group: 'seven',
  }),

  // ---------------------------------------------------------------- 其他公开要素
  code: field({
    label: '事项编码',
    draft: z
      .string()
      .trim()
      .regex(/^[0-9A-Z]{6,12}[A-Z]{2}-[A-Z]{2}-[0-9]{4}$/, { error: '事项编码格式应如 62052400MZ-XK-0001' }),
    cell: 'text',
    form: { toForm: (v: string) => v, fromForm: (f: string) => f.trim().toUpperCase() },
    group: 'identity',
  }),
  itemType: field({ label: '事项类型', draft: ItemType, cell: 'text', form: codecs.same<ItemType>(), group: 'identity' }),
  departmentId: field({
    label: '实施部门',
    draft: z.number().int().positive(),
    // Exported as the department's code: ids differ between installations.
    column: 'department',
    cell: 'text',
    form: codecs.same<number>(),
    group: 'identity',
  }),
  summary: field({
    label: '简介',
    draft: draftText(200, '简介'),
    publish: text(200, '简介'),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'intro',
  }),
  materials: field({ label: '申请材料', draft: z.array(Material), empty: [], cell: 'json', form: materialRows, group: 'materials' }),
  statutoryLimitDays: field({ label: '法定时限', draft: days('法定时限'), empty: 0, cell: 'int', form: codecs.int, group: 'handling' }),
  promisedLimitDays: field({ label: '承诺时限', draft: days('承诺时限'), empty: 0, cell: 'int', form: codecs.int, group: 'handling' }),
  consultPhone: field({
    label: '咨询电话',
    draft: draftPhone,
    publish: PublicPhone,
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
    group: 'handling',
  }),
  location: field({
    label: '办理地点',
    draft: draftText(200, '办理地点'),
    publish: text(200, '办理地点'),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'handling',
  }),
  officeHours: field({
    label: '办公时间',
    draft: draftText(200, '办公时间'),
    publish: text(200, '办公时间'),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'handling',
  }),
  /** 到现场次数: 0 = 全程网办, 1 = 最多跑一次. */
  visitsNeeded: field({
    label: '到现场次数',
    draft: z.number().int({ error: '到现场次数必须是整数' }).min(0).max(5, { error: '到现场次数不能超过 5' }),
    empty: 1,
    cell: 'int',
    form: codecs.int,
    group: 'handling',
  }),
  onlineUrl: field({
    label: '网上办理地址',
    draft: z.url({ error: '网上办理地址必须是网址' }).nullable(),
    empty: null,
    cell: 'nullable',
    form: codecs.nullable,
    group: 'handling',
  }),
  resultName: field({
    label: '办理结果',
    draft: draftText(100, '办理结果'),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'result',
  }),
  /**
   * 办理结果样本: a link to a sample of what the citizen receives (a licence, a
   * notice), so they know it when it comes. A link rather than an upload: the
   * samples are already published on the provincial portal, and a guide only
   * points at them. Optional, like onlineUrl; absent on guides older than it.
   */
  resultSampleUrl: field({
    label: '办理结果样本',
    // A link citizens open or copy: web addresses only (no javascript:, data: or file: links).
    draft: z.url({ protocol: /^https?$/, error: '办理结果样本必须是网址' }).nullable(),
    empty: null,
    cell: 'nullable',
    form: codecs.nullable,
    group: 'result',
  }),
  faq: field({ label: '常见问题', draft: z.array(Faq), empty: [], cell: 'json', form: faqRows, group: 'help' }),
  /** Everyday words and aliases citizens type (e.g. 社保 for 社会保障卡). */
  keywords: field({
    label: '搜索关键词',
    draft: z.array(keyword).max(30, { error: '关键词最多 30 个' }),
    empty: [],
    cell: 'lines',
    form: codecs.words,
    group: 'help',
  }),
  status: field({ label: '状态', draft: ContentStatus, empty: 'draft', cell: 'text', group: 'system' }),
};

/** The export/import column order: the identifying columns first, then the rest in declaration order. */
export const itemColumnLead = ['code', 'name', 'itemType', 'departmentId', 'status', 'summary'] as const satisfies ReadonlyArray<
  keyof typeof itemFields
>;
