import { MessageType, type ReminderEvent } from '@zw/shared';
import { z } from 'zod';
import { outbox } from '../../db/schema';
import type { Executor } from '../../db/tx';

/**
 * The transactional outbox: a service that changes a case calls
 * `enqueueNotification` with the transaction it is already in, so the
 * notification commits or rolls back with the change. The worker
 * (worker.ts) delivers committed rows later; nothing is lost if the process
 * dies in between.
 */

const isoTime = z.iso.datetime({ offset: true });
/** A mini-program page with its query, e.g. `pages/case/index?id=12` (a leading `/` is accepted). */
const page = z.string().min(1).max(1024);

export const CaseAnsweredPayload = z.object({
  caseId: z.number().int().positive(),
  trackingNo: z.string().min(1),
  title: z.string().min(1),
  answeredAt: isoTime,
  page,
});
export type CaseAnsweredPayload = z.infer<typeof CaseAnsweredPayload>;

/** Staff notices: a case to handle (new, transferred in) or to hurry (督办, 黄牌, 红牌). */
export const CaseAssignedPayload = z.object({
  caseId: z.number().int().positive(),
  trackingNo: z.string().min(1),
  type: MessageType,
  departmentName: z.string().min(1),
  dueAt: isoTime,
  page,
});
export type CaseAssignedPayload = z.infer<typeof CaseAssignedPayload>;

/**
 * Citizen progress notices (补正, 不予受理, 转办, 延期, 代为登记, 回访, 评价邀请):
 * when, and one short public detail (the new deadline, the department it went
 * to, the reason). Never the content of the message.
 */
export const CaseProgressPayload = z.object({
  caseId: z.number().int().positive(),
  trackingNo: z.string().min(1),
  title: z.string().min(1),
  at: isoTime,
  detail: z.string().max(500).nullable(),
  page,
});
export type CaseProgressPayload = z.infer<typeof CaseProgressPayload>;

/** Every event of shared/src/reminders.ts with its payload: one row kind per event. */
export const notificationPayloads = {
  case_answered: CaseAnsweredPayload,
  rating_invited: CaseProgressPayload,
  case_supplement_requested: CaseProgressPayload,
  case_rejected: CaseProgressPayload,
  case_transferred: CaseProgressPayload,
  case_extended: CaseProgressPayload,
  case_recorded: CaseProgressPayload,
  follow_up_recorded: CaseProgressPayload,
  case_assigned: CaseAssignedPayload,
  case_chased: CaseAssignedPayload,
  case_due_soon: CaseAssignedPayload,
  case_overdue: CaseAssignedPayload,
} as const satisfies Record<ReminderEvent, z.ZodType>;

export type NotificationKind = keyof typeof notificationPayloads;
export const notificationKinds = Object.keys(notificationPayloads) as NotificationKind[];
export type PayloadOf<K extends NotificationKind> = z.infer<(typeof notificationPayloads)[K]>;

/** One notification as the worker hands it to a sender: kind and payload agree. */
export type Notification = { [K in NotificationKind]: { kind: K; recipient: string; payload: PayloadOf<K> } }[NotificationKind];

/** What callers pass: the recipient may be missing (see `deliverableOpenid`). */
export type NotificationInput = { [K in NotificationKind]: { kind: K; payload: PayloadOf<K> } }[NotificationKind] & {
  recipient: string | null | undefined;
  now: Date;
  /** wechat (default): the recipient is an openid. sms: the phone's ciphertext. none: nobody can be told (row `skipped`). */
  channel?: 'wechat' | 'sms' | 'none';
  caseId?: number | null;
  /** Why the channel is none (kept in last_error). */
  reason?: string;
};

/**
 * WeChat delivers a subscription message only to a real openid of this
 * mini-program. A staff member who never bound WeChat has none, and `dev:`
 * openids come from the development login, which WeChat has never heard of:
 * a row for either could only fail, so none is written.
 */
export function deliverableOpenid(recipient: string | null | undefined): string | null {
  if (!recipient) return null;
  if (recipient.startsWith('dev:')) return null;
  return recipient;
}

/**
 * Writes a pending notification with `exec` — call it INSIDE the transaction
 * that makes the change it announces. Returns the outbox row id, or null when
 * the recipient cannot receive WeChat messages (no row written).
 *
 * An invalid payload throws (a bug in the caller): better to roll back the
 * change than to commit a notification that can never be sent.
 */
export async function enqueueNotification(exec: Executor, n: NotificationInput): Promise<number | null> {
  const channel = n.channel ?? 'wechat';
  const recipient = channel === 'wechat' ? deliverableOpenid(n.recipient) : channel === 'sms' ? (n.recipient ?? null) : '';
  if (recipient === null) return null;
  const payload = notificationPayloads[n.kind].parse(n.payload);
  const at = n.now.toISOString();
  const [row] = await exec
    .insert(outbox)
    .values({
      kind: n.kind,
      channel,
      recipient,
      caseId: n.caseId ?? null,
      payload,
      status: channel === 'none' ? 'skipped' : 'pending',
      lastError: channel === 'none' ? (n.reason ?? 'no_channel') : null,
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    })
    .returning({ id: outbox.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/** Reads a stored row back into a typed notification; null when the kind is unknown or the payload no longer matches it. */
export function parseNotification(row: { kind: string; recipient: string; payload: unknown }): Notification | null {
  if (!(row.kind in notificationPayloads)) return null;
  const kind = row.kind as NotificationKind;
  const p = notificationPayloads[kind].safeParse(row.payload);
  return p.success ? ({ kind, recipient: row.recipient, payload: p.data } as Notification) : null;
}
