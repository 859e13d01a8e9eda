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
