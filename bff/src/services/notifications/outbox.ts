import { MessageType } from '@zw/shared';
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

export const CaseAssignedPayload = z.object({
  caseId: z.number().int().positive(),
  trackingNo: z.string().min(1),
  type: MessageType,
  departmentName: z.string().min(1),
  dueAt: isoTime,
  page,
});
export type CaseAssignedPayload = z.infer<typeof CaseAssignedPayload>;

export const notificationPayloads = {
  case_answered: CaseAnsweredPayload,
  case_assigned: CaseAssignedPayload,
} as const;

export type NotificationKind = keyof typeof notificationPayloads;
export const notificationKinds = Object.keys(notificationPayloads) as NotificationKind[];

/** One notification as the worker hands it to a sender: kind and payload agree. */
export type Notification =
  | { kind: 'case_answered'; recipient: string; payload: CaseAnsweredPayload }
  | { kind: 'case_assigned'; recipient: string; payload: CaseAssignedPayload };

/** What callers pass: the recipient may be missing (see `deliverableOpenid`). */
export type NotificationInput = (
  { kind: 'case_answered'; payload: CaseAnsweredPayload } | { kind: 'case_assigned'; payload: CaseAssignedPayload }
) & { recipient: string | null | undefined; now: Date };

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
  const recipient = deliverableOpenid(n.recipient);
  if (recipient === null) return null;
  const payload = notificationPayloads[n.kind].parse(n.payload);
  const at = n.now.toISOString();
  const [row] = await exec
    .insert(outbox)
    .values({ kind: n.kind, recipient, payload, status: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at })
    .returning({ id: outbox.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/** Reads a stored row back into a typed notification; null when the payload no longer matches its kind. */
export function parseNotification(row: { kind: string; recipient: string; payload: unknown }): Notification | null {
  if (row.kind === 'case_answered') {
    const p = CaseAnsweredPayload.safeParse(row.payload);
    return p.success ? { kind: row.kind, recipient: row.recipient, payload: p.data } : null;
  }
  if (row.kind !== 'case_assigned') return null;
  const p = CaseAssignedPayload.safeParse(row.payload);
  return p.success ? { kind: row.kind, recipient: row.recipient, payload: p.data } : null;
}
