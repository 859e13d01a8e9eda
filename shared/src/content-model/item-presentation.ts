/*
 * 办事指南: how each field is named and where it is shown (label, page and print
 * titles, display group) — the part of the registry that needs no zod, so the
 * mini-program's main package (the guide page) can read it without bringing zod
 * and the schemas into the package WeChat downloads before the first screen.
 *
 * Declared here once: item.ts spreads each entry into that field's field({...}),
 * and its keys and order are the registry's (item.ts checks the keys match,
 * model.test.ts the order). Import from '@zw/shared/guide' in the main package;
 * the index re-exports the same values.
 */

export type ItemGroup = 'seven' | 'identity' | 'intro' | 'materials' | 'handling' | 'result' | 'help' | 'system';

/** What a field shows: its 中文字段名, the titles where they differ from it, its display group. */
export type FieldPresentation<G extends string = string> = {
  readonly label: string;
  /** Title on the citizen's page, when it differs from the label. */
  readonly pageTitle?: string;
  /** Label printed on the 明白纸, when it differs from the label. */
  readonly printLabel?: string;
  readonly group: G;
};

/** In the registry's declaration order: the 七公开 first, in the order the county prints them. */
export const itemPresentation = {
  name: { label: '项目（事项名称）', pageTitle: '事项名称', printLabel: '项目', group: 'seven' },
  legalBasis: { label: '办理依据', group: 'seven' },
  procedure: { label: '办理程序', group: 'seven' },
  conditions: { label: '办理条件', group: 'seven' },
  fee: { label: '收费标准', group: 'seven' },
  responsibleUnit: { label: '责任单位', group: 'seven' },
  supervisionPhone: { label: '监督电话', group: 'seven' },
  code: { label: '事项编码', group: 'identity' },
  itemType: { label: '事项类型', group: 'identity' },
  departmentId: { label: '实施部门', group: 'identity' },
  summary: { label: '简介', group: 'intro' },
  materials: { label: '申请材料', group: 'materials' },
  statutoryLimitDays: { label: '法定时限', group: 'handling' },
  promisedLimitDays: { label: '承诺时限', group: 'handling' },
  consultPhone: { label: '咨询电话', group: 'handling' },
  location: { label: '办理地点', group: 'handling' },
  officeHours: { label: '办公时间', group: 'handling' },
  visitsNeeded: { label: '到现场次数', group: 'handling' },
  onlineUrl: { label: '网上办理地址', group: 'handling' },
  resultName: { label: '办理结果', group: 'result' },
  resultSampleUrl: { label: '办理结果样本', group: 'result' },
  faq: { label: '常见问题', group: 'help' },
  keywords: { label: '搜索关键词', group: 'help' },
  status: { label: '状态', group: 'system' },
} as const satisfies Record<string, FieldPresentation<ItemGroup>>;

export type ItemFieldKey = keyof typeof itemPresentation;
type P = typeof itemPresentation;

const itemKeys = Object.keys(itemPresentation) as ItemFieldKey[];

/** 中文字段名 of every guide field. */
export const itemFieldLabels = Object.fromEntries(itemKeys.map((k) => [k, itemPresentation[k].label])) as Record<ItemFieldKey, string>;

export type SevenPublicField = { [K in ItemFieldKey]: P[K]['group'] extends 'seven' ? K : never }[ItemFieldKey];

/** 七公开: what a county must publish for every approval item, in the order it is printed (the `seven` group). */
export const sevenPublicFields = itemKeys.filter((k): k is SevenPublicField => itemPresentation[k].group === 'seven');

/** The title a 七公开 field has on the citizen's page and on the 明白纸 (the label unless the model says otherwise). */
export const sevenPublicTitles = Object.fromEntries(
  sevenPublicFields.map((k) => {
    const p: FieldPresentation = itemPresentation[k];
    return [k, { page: p.pageTitle ?? p.label, print: p.printLabel ?? p.label }];
  }),
) as Record<SevenPublicField, { page: string; print: string }>;

/*
 * How a guide's time limit and 到现场次数 are said, on every page, in print and by the staff pages: one
 * wording, so 全程网办 on home is 全程网办 on the window page too (issue 14's "one vocabulary").
 */

/** 承诺时限: 0 working days is 即办 (settled on the spot, the term the 办事指南 standard uses). */
export function limitLabel(days: number): string {
  return days <= 0 ? '即办' : `${days} 个工作日办结`;
}

/** 到现场次数: 0 is 全程网办, 1 is 最多跑一次. */
export function visitsLabel(visits: number): string {
  if (visits <= 0) return '全程网办';
  if (visits === 1) return '最多跑一次';
  return `到现场 ${visits} 次`;
}
