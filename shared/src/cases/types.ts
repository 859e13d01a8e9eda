import { z } from 'zod';

// ---------------------------------------------------------------- message types (诉求类型)

/** The Chinese words are the values: they are what citizens pick and what reports print. */
export const MessageType = z.enum(['投诉', '建议', '咨询', '求助', '举报', '表扬', '依申请公开'], {
  error: '诉求类型不正确',
});
export type MessageType = z.infer<typeof MessageType>;

/** One line under each type on the "write a message" page, so citizens pick the right one. */
export const messageTypeHints: Record<MessageType, string> = {
  投诉: '对部门或工作人员的服务、作风不满意',
  建议: '对工作提出意见和建议',
  咨询: '询问政策、办事流程等',
  求助: '遇到困难需要政府部门帮助',
  举报: '反映违法违规行为',
  表扬: '表扬部门或工作人员',
  依申请公开: '申请获取政府信息（按《政府信息公开条例》办理）',
};

// ---------------------------------------------------------------- states and actions

export const CaseState = z.enum(
  ['submitted', 'transferred', 'accepted', 'in_progress', 'awaiting_supplement', 'answered', 'closed', 'rejected'],
  { error: '办理状态不正确' },
);
export type CaseState = z.infer<typeof CaseState>;

/** What citizens see. A transferred case still waits to be accepted, so the label says so. */
export const caseStateLabels: Record<CaseState, string> = {
  submitted: '待受理',
  transferred: '已转办（待受理）',
  accepted: '已受理',
  in_progress: '办理中',
  awaiting_supplement: '待补正',
  answered: '已答复',
  closed: '已办结',
  rejected: '不予受理',
};

export const CaseAction = z.enum(
  ['accept', 'start', 'reply', 'request_supplement', 'supplement', 'extend', 'transfer', 'reject', 'close', 'reopen'],
  { error: '操作不正确' },
);
export type CaseAction = z.infer<typeof CaseAction>;

/** Button and timeline wording. */
export const caseActionLabels: Record<CaseAction, string> = {
  accept: '受理',
  start: '开始办理',
  reply: '答复',
  request_supplement: '告知补正',
  supplement: '提交补正材料',
  extend: '延期答复',
  transfer: '转办',
  reject: '不予受理',
  close: '办结',
  reopen: '申请重新办理',
};

// ---------------------------------------------------------------- time limits

export const DeadlineUnit = z.enum(['working', 'natural'], { error: '期限单位必须是工作日或自然日' });
export type DeadlineUnit = z.infer<typeof DeadlineUnit>;

/** A time limit per message type. Data, not code: the admin edits these. */
export const DeadlineRule = z.object({
  type: MessageType,
  days: z
    .number({ error: '期限天数必须是数字' })
    .int({ error: '期限天数必须是整数' })
    .min(0, { error: '期限天数不能小于 0' })
    .max(365, { error: '期限天数不能超过 365' }),
  unit: DeadlineUnit,
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

/** A set of rules as the admin saves it: each type at most once (a missing type falls back to the default). */
export const DeadlineRuleSet = z.array(DeadlineRule).refine((rules) => new Set(rules.map((r) => r.type)).size === rules.length, {
  error: '每种诉求类型只能设置一条办理期限',
});
export type DeadlineRuleSet = z.infer<typeof DeadlineRuleSet>;

/**
 * Defaults from one county bureau's published rules (咨询/求助 3, 建议/投诉 13 working days)
 * and the 条例 Art. 33 for 依申请公开 (20 working days).
 */
export const defaultDeadlineRules: readonly DeadlineRule[] = [
  { type: '投诉', days: 13, unit: 'working' },
  { type: '建议', days: 13, unit: 'working' },
  { type: '咨询', days: 3, unit: 'working' },
  { type: '求助', days: 3, unit: 'working' },
  { type: '举报', days: 13, unit: 'working' },
  { type: '表扬', days: 5, unit: 'working' },
  { type: '依申请公开', days: 20, unit: 'working' },
];

/** The configured rule for a type, or the default when the admin has not set one. */
export function deadlineRuleFor(type: MessageType, rules: readonly DeadlineRule[] = defaultDeadlineRules): DeadlineRule {
  const rule = rules.find((r) => r.type === type) ?? defaultDeadlineRules.find((r) => r.type === type);
  // Every type has a default, so this only fires if the table above loses a row.
  if (!rule) throw new Error(`没有诉求类型「${type}」的办理期限`);
  return rule;
}

/** Natural days after the answer during which the citizen may ask to reopen. */
export const DEFAULT_REOPEN_WINDOW_DAYS = 5;

/** 条例 Art. 33: 依申请公开 may be extended once, by at most 20 working days. */
export const MAX_EXTENSION_DAYS = 20;
