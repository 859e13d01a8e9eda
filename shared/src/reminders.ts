import { z } from 'zod';

/*
 * Reminders (订阅消息 in WeChat, SMS otherwise): the topics a person can
 * subscribe to, which events each topic covers, and the wording the UI shows.
 * One definition for the BFF (which chooses the channel and the template) and
 * the mini-program (which asks requestSubscribeMessage for the topics'
 * templates on the 提交 tap, and offers 开启提醒 again).
 */

/** Citizen topics: at most three, because requestSubscribeMessage takes at most three templates a call. */
export const CitizenTopic = z.enum(['answered', 'progress', 'follow_up']);
export type CitizenTopic = z.infer<typeof CitizenTopic>;

/** Staff topics: new work, and electronic supervision (督办, 黄牌, 红牌). */
export const StaffTopic = z.enum(['todo', 'supervision']);
export type StaffTopic = z.infer<typeof StaffTopic>;

export const ReminderTopic = z.enum([...CitizenTopic.options, ...StaffTopic.options]);
export type ReminderTopic = z.infer<typeof ReminderTopic>;

/** What the UI says each topic is for (开启提醒 lists these). */
export const reminderTopicLabels: Record<ReminderTopic, string> = {
  answered: '答复通知',
  progress: '办理进度通知（补正、转办、延期、不予受理）',
  follow_up: '回访结果通知',
  todo: '新待办通知（新诉求、转入）',
  supervision: '督办与临期、超期提醒',
};

/**
 * Every event that notifies someone, with the topic it belongs to. The BFF
 * picks the channel per event: WeChat if the person holds a subscription for
 * the topic, else SMS if they verified a phone, else none (recorded).
 */
export const reminderEvents = {
  // citizen
  case_answered: 'answered',
  rating_invited: 'answered',
  case_supplement_requested: 'progress',
  case_rejected: 'progress',
  case_transferred: 'progress',
  case_extended: 'progress',
  case_recorded: 'progress',
  follow_up_recorded: 'follow_up',
  // staff
  case_assigned: 'todo',
  case_chased: 'supervision',
  case_due_soon: 'supervision',
  case_overdue: 'supervision',
} as const satisfies Record<string, ReminderTopic>;
export type ReminderEvent = keyof typeof reminderEvents;

/** One template id as configured in 公众平台 → 订阅消息 (letters, digits, - and _). */
export const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { error: '订阅消息模板编号格式不正确' });

/** requestSubscribeMessage's answer for one template. */
export const SubscribeAnswer = z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果应为 accept、reject、ban 或 filter' });
export type SubscribeAnswer = z.infer<typeof SubscribeAnswer>;

/**
 * What requestSubscribeMessage answered, template id → answer, as the
 * mini-program passes it on (errMsg and unknown ids dropped by the client;
 * ids that are not configured are ignored by the BFF).
 */
export const SubscribeResults = z
  .record(TemplateId, SubscribeAnswer)
  .refine((r) => Object.keys(r).length <= 3, { error: '一次最多订阅 3 个模板' });
export type SubscribeResults = z.infer<typeof SubscribeResults>;

export const SubscribeBody = z.object({ results: SubscribeResults });
export type SubscribeBody = z.infer<typeof SubscribeBody>;

/** One configured template, as the mini-program needs it to ask. */
export const ReminderTemplate = z.object({ topic: ReminderTopic, templateId: z.string(), label: z.string() });
export type ReminderTemplate = z.infer<typeof ReminderTemplate>;

/** GET /reminders/templates: what to ask for. Only topics with a configured template appear. */
export const ReminderTemplates = z.object({
  citizen: z.array(ReminderTemplate),
  staff: z.array(ReminderTemplate),
  /** 长期订阅 (政务民生 mini-programs): one consent covers every later message of the template. */
  longTerm: z.boolean(),
});
export type ReminderTemplates = z.infer<typeof ReminderTemplates>;

/** Where a case's reminders stand for its citizen (the case page offers 开启提醒 when `needsConsent`). */
export const CaseReminders = z.object({
  /** The channel the next notice would take. */
  channel: z.enum(['wechat', 'sms', 'none']),
  /** Topics with a configured template the citizen holds no consent for now. */
  needsConsent: z.array(CitizenTopic),
});
export type CaseReminders = z.infer<typeof CaseReminders>;
