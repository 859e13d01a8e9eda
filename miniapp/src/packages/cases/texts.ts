/** Wording other code (and tests) rely on, kept in one place. */
export const NETWORK_SAVED = '网络不太稳定，您的留言已保存，请点“提交”重试（不会重复提交）';
export const CONTENT_PLACEHOLDER = '请详细描述您遇到的情况，便于工作人员尽快处理';
export const RATING_LEVELS = [
  { level: 5, label: '非常满意' },
  { level: 4, label: '满意' },
  { level: 3, label: '基本满意' },
  { level: 2, label: '不满意' },
  { level: 1, label: '非常不满意' },
] as const;
