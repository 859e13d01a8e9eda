import { z } from 'zod';
import { CaseState, MAX_EXTENSION_DAYS, MessageType } from './cases/types';
import { IdParam, PageQuery, paged } from './common';
import { CaseReminders, SubscribeResults } from './reminders';
import { QUERY_CODE_DIGITS, isQueryCode, isTrackingNo, normaliseCode } from './tracking';

/** Mainland mobile (11 digits) or landline with area code; what a citizen types as a contact number. */
export const ContactPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '请填写正确的手机号或带区号的固定电话' });

export const CaseTarget = z.object({
  type: z.enum(['department', 'item', 'window'], { error: '请选择反映对象' }),
  id: z.number({ error: '请选择反映对象' }).int().positive(),
});
export type CaseTarget = z.infer<typeof CaseTarget>;

export const CONTENT_MIN = 10;
export const CONTENT_MAX = 2000;
export const MAX_PHOTOS = 3;

/** Idempotency-Key header: one per draft, reused on every retry of that draft. */
export const IdempotencyKey = z
  .string({ error: '缺少 Idempotency-Key 请求头' })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'Idempotency-Key 应为 16-64 位字母、数字、- 或 _' });

/** One schema for the form and the server. */
export const SubmitCaseBody = z
  .object({
    type: MessageType,
    target: CaseTarget,
    title: z.string().trim().max(50, { error: '标题不能超过 50 字' }).optional(),
    content: z
      .string({ error: '请填写内容' })
      .trim()
      .min(CONTENT_MIN, { error: `内容至少 ${CONTENT_MIN} 个字，请把情况说清楚` })
      .max(CONTENT_MAX, { error: `内容不能超过 ${CONTENT_MAX} 字` }),
    photoIds: z
      .array(z.string().regex(/^[a-z0-9]{20,40}$/, { error: '照片编号不正确' }))
      .max(MAX_PHOTOS, { error: `最多上传 ${MAX_PHOTOS} 张照片` })
      .default([]),
    anonymous: z.boolean({ error: '请选择是否匿名' }),
    contact: z
      .object({
        name: z.string().trim().min(1, { error: '请填写姓名' }).max(20, { error: '姓名不能超过 20 字' }),
        phone: ContactPhone,
      })
      .optional(),
    /** Consent to the privacy notice; required whenever contact details are given. */
    consent: z.boolean().default(false),
    /** What requestSubscribeMessage answered on the 提交 tap (WeChat only; absent in the browser or when refused outright). */
    subscriptions: SubscribeResults.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.anonymous && v.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: '匿名反映时不需要填写联系方式' });
    if (!v.anonymous && !v.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: '请填写姓名和联系电话，或选择匿名反映' });
    if (v.contact && !v.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: '请阅读并同意个人信息保护说明' });
    if (new Set(v.photoIds).size !== v.photoIds.length) ctx.addIssue({ code: 'custom', path: ['photoIds'], message: '照片重复' });
  });
export type SubmitCaseBody = z.infer<typeof SubmitCaseBody>;

export const SubmitCaseResult = z.object({
  id: z.number().int(),
  trackingNo: z.string(),
  /** Only for anonymous submissions: with the tracking number it opens the case without an account. Shown once. */
  queryCode: z.string().nullable(),
  state: CaseState,
  receivedAt: z.string(),
  dueAt: z.string(),
});
export type SubmitCaseResult = z.infer<typeof SubmitCaseResult>;

/**
 * 帮办代办: staff record a message for a citizen who came to the window or phoned.
 * The citizen's phone is the contact (encrypted like any contact); a mobile number also
 * links the case to the citizen who later signs in with that phone.
 */
export const StaffRecordCaseBody = z.object({
  channel: z.enum(['counter', 'phone'], { error: '登记方式应为 counter（窗口）或 phone（电话）' }),
  type: MessageType,
  target: CaseTarget,
  title: z.string().trim().max(50, { error: '标题不能超过 50 字' }).optional(),
  content: z
    .string({ error: '请填写内容' })
    .trim()
    .min(CONTENT_MIN, { error: `内容至少 ${CONTENT_MIN} 个字，请把情况说清楚` })
    .max(CONTENT_MAX, { error: `内容不能超过 ${CONTENT_MAX} 字` }),
  citizen: z.object(
    {
      name: z.string({ error: '请填写群众姓名' }).trim().min(1, { error: '请填写群众姓名' }).max(20, { error: '姓名不能超过 20 字' }),
      phone: z.string({ error: '请填写群众的联系电话' }).pipe(ContactPhone),
    },
    { error: '请填写群众的姓名和联系电话' },
  ),
  /** The privacy notice was read to the citizen and they agreed. */
  consent: z.literal(true, { error: '请向群众说明个人信息保护事项并取得同意' }),
});
export type StaffRecordCaseBody = z.infer<typeof StaffRecordCaseBody>;

export const DeadlineStatusEnum = z.enum(['on_track', 'due_soon', 'overdue', 'paused', 'none']);

export const CaseEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  label: z.string(),
  /** Who, as the citizen may see it: 您 / 工作人员 / 部门名称; staff see names. */
  actor: z.string(),
  body: z.string().nullable(),
  visibility: z.enum(['public', 'internal']),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

export const PhotoView = z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int() });

export const CaseRatingView = z.object({ level: z.number().int(), comment: z.string().nullable(), createdAt: z.string() }).nullable();

const caseCommon = {
  id: z.number().int(),
  trackingNo: z.string(),
  type: MessageType,
  state: CaseState,
  stateLabel: z.string(),
  title: z.string(),
  target: z.object({ type: CaseTarget.shape.type, id: z.number().int(), name: z.string() }),
  department: z.object({ id: z.number().int(), name: z.string() }),
  receivedAt: z.string(),
  dueAt: z.string(),
  deadlineStatus: DeadlineStatusEnum,
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
};

/** How a message reached the office: online, or recorded by staff at the counter or on the phone (帮办代办). */
export const CaseChannel = z.enum(['online', 'counter', 'phone'], { error: '来源应为 online、counter 或 phone' });
export type CaseChannel = z.infer<typeof CaseChannel>;
export const caseChannelLabels: Record<CaseChannel, string> = { online: '网上留言', counter: '窗口代办', phone: '电话代办' };

export const CaseSummary = z.object({
  ...caseCommon,
  channel: CaseChannel,
  /** The first line of the latest public reply (answered and closed cases), for 待评价 cards. */
  replyExcerpt: z.string().nullable(),
  /** Answered or closed, not rated yet, and the citizen may still rate it. */
  awaitingRating: z.boolean(),
  anonymous: z.boolean(),
  contactPhoneMasked: z.string().nullable(),
  ownerName: z.string().nullable(),
  chaseCount: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** What the citizen who submitted sees: public timeline only. */
export const CitizenCase = z.object({
  ...caseCommon,
  content: z.string(),
  anonymous: z.boolean(),
  photos: z.array(PhotoView),
  timeline: z.array(CaseEventView),
  rating: CaseRatingView,
  availableActions: z.array(z.string()),
  /** Until when the citizen may ask to reopen (null when not answered). */
  reopenUntil: z.string().nullable(),
  channel: CaseChannel,
  /** The public part of the 回访 after a bad rating, once recorded. */
  followUp: z
    .object({
      doneAt: z.string(),
      outcome: z.enum(['reached', 'unreachable']),
      publicNote: z.string().nullable(),
      rectified: z.boolean().nullable(),
    })
    .nullable(),
  /** Where reminders stand for this case (the page offers 开启提醒 when needsConsent is not empty). Staff views: channel none, []. */
  reminders: CaseReminders,
});
export type CitizenCase = z.infer<typeof CitizenCase>;

/** What staff see: contact masked until revealed, internal notes, chases. */
export const StaffCase = CitizenCase.extend({
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  owner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  extensionUsed: z.boolean(),
  chaseCount: z.number().int(),
  lastChasedAt: z.string().nullable(),
});
export type StaffCase = z.infer<typeof StaffCase>;

const booleanQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export const InboxScope = z.enum(['mine', 'department', 'all']);
export type InboxScope = z.infer<typeof InboxScope>;

export const InboxQuery = PageQuery.extend({
  /** mine: cases I own; department: my department's; all: every department (supervisors). */
  scope: InboxScope.default('department'),
  /** open: still being handled (the default); all: any state (a search by tracking number). */
  state: z.enum([...CaseState.options, 'open', 'all']).default('open'),
  type: MessageType.optional(),
  overdue: booleanQuery,
  /** true: not yet overdue, but due by the end of the next working day (临期). Paused cases never are. */
  dueSoon: booleanQuery,
  department: IdParam.optional(),
  /** As typed or read out (spaces, dashes, full-width), matched in its stored form. */
  trackingNo: z.string().max(40).transform(normaliseCode).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

/** Open cases of one scope: all of them, those past their deadline, those due by the end of the next working day. */
export const ScopeCounts = z.object({ open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() });
export type ScopeCounts = z.infer<typeof ScopeCounts>;

export const CaseList = paged(CaseSummary).extend({ counts: ScopeCounts });
export type CaseList = z.infer<typeof CaseList>;

/**
 * The numbers on the inbox tabs, in one request: a scope the caller cannot use is null
 * (department for an account without one, all for anyone but supervisors and admins).
 */
export const InboxCounts = z.object({ mine: ScopeCounts, department: ScopeCounts.nullable(), all: ScopeCounts.nullable() });
export type InboxCounts = z.infer<typeof InboxCounts>;

export const MyCasesQuery = PageQuery;
export const MyCaseList = paged(CaseSummary);
export type MyCaseList = z.infer<typeof MyCaseList>;

const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, { error: `请填写${label}` })
    .max(1000, { error: `${label}不能超过 1000 字` });
const body = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(5000, { error: `${label}不能超过 5000 字` });

/** Staff actions: one body shape per action; the state machine decides whether it may happen now. */
export const StaffActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('accept') }),
    z.object({ action: z.literal('start') }),
    z.object({ action: z.literal('reply'), body: body('答复内容') }),
    z.object({ action: z.literal('request_supplement'), body: body('需要补正的全部材料或信息') }),
    z.object({
      action: z.literal('extend'),
      days: z
        .number({ error: '请填写延期天数' })
        .int()
        .min(1, { error: '至少延期 1 个工作日' })
        .max(MAX_EXTENSION_DAYS, { error: `延期不能超过 ${MAX_EXTENSION_DAYS} 个工作日` }),
      reason: reason('延期理由'),
    }),
    z.object({
      action: z.literal('transfer'),
      departmentId: z.number({ error: '请选择转办部门' }).int().positive(),
      reason: reason('转办理由'),
    }),
    z.object({ action: z.literal('reject'), reason: reason('不予受理的理由') }),
    z.object({ action: z.literal('close') }),
  ],
  { error: '不支持的操作' },
);
export type StaffActionBody = z.infer<typeof StaffActionBody>;

export const CitizenActionBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('supplement'), body: body('补正内容') }),
    z.object({ action: z.literal('reopen'), reason: reason('重新办理的理由') }),
  ],
  { error: '不支持的操作' },
);
export type CitizenActionBody = z.infer<typeof CitizenActionBody>;

export const NoteBody = z.object({ body: body('内部备注') });
export const ChaseBody = z.object({ body: body('督办意见') });
export const LookupBody = z.object({
  trackingNo: z
    .string({ error: '请填写受理编号' })
    .transform(normaliseCode)
    .refine((v) => v.length > 0, { error: '请填写受理编号', abort: true })
    .refine(isTrackingNo, { error: '受理编号不正确，请核对（QX 开头，可能有一位看错或写错）' }),
  queryCode: z
    .string({ error: '请填写查询码' })
    .transform(normaliseCode)
    .refine((v) => v.length > 0, { error: '请填写查询码', abort: true })
    .refine(isQueryCode, { error: `查询码为 ${QUERY_CODE_DIGITS} 位数字` }),
});

export const RevealedContact = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const UploadResult = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  size: z.number().int(),
  mime: z.string(),
});
export type UploadResult = z.infer<typeof UploadResult>;

export const ReplyTemplate = z.object({ id: z.number().int(), type: MessageType, title: z.string(), body: z.string() });
