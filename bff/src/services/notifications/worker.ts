import { reminderEvents } from '@zw/shared';
import { and, asc, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outbox, staffUsers } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import type { Logger } from '../../lib/logger';
import type { AppConfig } from '../../lib/ports';
import type { SmsSender } from '../sms/port';
import { smsSenderFromConfig } from '../sms/tencent';
import { notificationKinds, parseNotification, type Notification, type NotificationKind } from './outbox';
import { markCaseConsentExhausted, markStaffConsentExhausted } from './subscriptions';
import { SEND_TIMEOUT_MS, wechatClientFromConfig, type NotificationSender, type SendResult } from './wechat';

/**
 * Delivers the outbox. Each run:
 *
 * 1. claims up to `batch` due rows (pending, next_attempt_at ≤ now, not locked
 *    or lock expired) by setting locked_until, in one short write transaction.
 *    The claim is a single UPDATE … WHERE id IN (SELECT …) under BEGIN
 *    IMMEDIATE, and SQLite has one writer at a time across processes too, so
 *    two workers — in one process or in two sharing the database — never claim
 *    the same row;
 * 2. sends outside any transaction (a slow WeChat must not hold the write lock);
 * 3. records each outcome in its own short transaction, only if the row is
 *    still held by this claim.
 *
 * Delivery is AT-LEAST-ONCE, not exactly-once: if the process dies after
 * WeChat accepted a message but before the outcome was recorded, the row's
 * lock expires and a later run sends it again. A duplicate notice is the price
 * of never losing one; WeChat offers no idempotency key to avoid it.
 */

export const DEFAULT_MAX_ATTEMPTS = 8;
/**
 * How long a claim holds its rows. It must outlast the longest send (token
 * request, send, token refresh, resend: 4 × SEND_TIMEOUT_MS), or an expired
 * claim could be taken by another worker while this one still sends; and it is
 * how late, after a crash, a notice that was mid-send goes out again (at least
 * once, see above). WeChat and the SMS provider answer in well under a second.
 */
export const DEFAULT_LOCK_MS = 4 * SEND_TIMEOUT_MS + 10_000;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

/** 30 s × 2^attempts (attempts already made before this failure), at most 6 h, ±10 % jitter so retries spread out. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts), MAX_BACKOFF_MS);
  return Math.round(base * (0.9 + 0.2 * random()));
}

export type OutboxRow = typeof outbox.$inferSelect;

export type ClaimOptions = {
  db: Db;
  now: () => Date;
  /** Only WeChat rows of these kinds (the ones the WeChat sender has a template for). */
  kinds?: readonly NotificationKind[];
  /** Also SMS rows (an SMS sender is configured). */
  sms?: boolean;
  batch?: number;
  lockMs?: number;
};

/** Locks up to `batch` due rows for this worker and returns them (with the lock it set). */
export async function claimDue({
  db,
  now,
  kinds = notificationKinds,
  sms = false,
  batch = 20,
  lockMs = DEFAULT_LOCK_MS,
}: ClaimOptions): Promise<OutboxRow[]> {
  const channels: SQL[] = [];
  if (kinds.length > 0) channels.push(and(eq(outbox.channel, 'wechat'), inArray(outbox.kind, [...kinds]))!);
  if (sms) channels.push(eq(outbox.channel, 'sms'));
  if (channels.length === 0 || batch <= 0) return [];
  const at = now();
  const atIso = at.toISOString();
  const lockedUntil = new Date(at.getTime() + lockMs).toISOString();
  return withTransaction(db, async (tx) => {
    const due = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'pending'),
          lte(outbox.nextAttemptAt, atIso),
          or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, atIso)),
          or(...channels),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(batch);
    return tx.update(outbox).set({ lockedUntil }).where(inArray(outbox.id, due)).returning();
  });
}

/**
 * SMS notices: the phone is stored encrypted on the row and decrypted only here,
 * just before sending. The text carries the tracking number, what happened and a
 * link — never the content of the message or of the reply.
 */
export type SmsDelivery = {
  sender: SmsSender;
  templateId: string;
  config: Pick<AppConfig, 'cipher' | 'contactKey' | 'publicBaseUrl'>;
};

/** What an SMS says happened (template parameter {2}, at most 12 characters). */
export const smsPhrases: Record<NotificationKind, string> = {
  case_answered: '已答复',
  rating_invited: '已答复，请您评价',
  case_supplement_requested: '需要补正材料',
  case_rejected: '不予受理',
  case_transferred: '已转办',
  case_extended: '答复期限已延长',
  case_recorded: '已登记受理',
  follow_up_recorded: '回访已完成',
  case_assigned: '有新待办',
  case_chased: '被督办',
  case_due_soon: '即将到期',
  case_overdue: '已超期',
};

/** The three parameters of the notice template: tracking number, what happened, link. */
export function smsParams(n: Notification, publicBaseUrl: string): string[] {
  return [n.payload.trackingNo, smsPhrases[n.kind], `${publicBaseUrl}${n.payload.page.startsWith('/') ? '' : '/'}${n.payload.page}`];
}

export type DeliverDeps = {
  db: Db;
  /** null: WeChat is not configured (SMS rows may still go). */
  client: NotificationSender | null;
  sms?: SmsDelivery | null;
  logger: Logger;
  now: () => Date;
  batch?: number;
  lockMs?: number;
  maxAttempts?: number;
  /** For the backoff jitter. */
  random?: () => number;
};

export type DeliverReport = { claimed: number; sent: number; retried: number; failed: number; unsubscribed: number };

/** One run: claim due rows, send them (concurrently, within the batch), record the outcomes. */
export async function deliverDue(deps: DeliverDeps): Promise<DeliverReport> {
  const { db, client, logger, now } = deps;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const rows = await claimDue({
    db,
    now,
    kinds: client?.kinds ?? [],
    sms: Boolean(deps.sms),
    batch: deps.batch ?? 20,
    lockMs: deps.lockMs ?? DEFAULT_LOCK_MS,
  });
  const report: DeliverReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0, unsubscribed: 0 };

  await Promise.all(
    rows.map(async (row) => {
      const n = parseNotification(row);
      let result: SendResult;
      if (!n) {
        result = { ok: false, retryable: false, error: 'payload does not match its kind' };
      } else {
        try {
          result = await sendOne(row, n, client, deps.sms ?? null);
        } catch (err) {
          // The sender promises not to throw; if it does, the message is not at fault.
          result = { ok: false, retryable: true, error: `sender threw ${err instanceof Error ? err.name : 'error'}` };
        }
      }
      const outcome = await record(db, row, result, now(), maxAttempts, deps.random);
      // Ids, kinds and error codes only: no openid, no payload, no token.
      const log = { outboxId: row.id, kind: row.kind, channel: row.channel, attempts: row.attempts + 1 };
      if (outcome === 'lost') {
        logger.warn(log, 'outbox row was reclaimed by another worker before its outcome was recorded');
      } else if (outcome === 'sent') {
        report.sent += 1;
        logger.info(log, 'notification sent');
      } else if (outcome === 'unsubscribed') {
        report.unsubscribed += 1;
        logger.info(log, 'not subscribed (WeChat 43101): recorded, not retried');
      } else if (outcome === 'retry') {
        report.retried += 1;
        logger.warn({ ...log, error: result.ok ? undefined : result.error }, 'notification failed, will retry');
      } else {
        report.failed += 1;
        logger.error({ ...log, error: result.ok ? undefined : result.error }, 'notification failed permanently');
      }
    }),
  );
  return report;
}

async function sendOne(row: OutboxRow, n: Notification, client: NotificationSender | null, sms: SmsDelivery | null): Promise<SendResult> {
  if (row.channel === 'sms') {
    if (!sms) return { ok: false, retryable: true, error: 'SMS not configured' };
    let phone: string;
    try {
      phone = await sms.config.cipher.decrypt(sms.config.contactKey, row.recipient);
    } catch {
      return { ok: false, retryable: false, error: 'recipient cannot be decrypted (contact key changed?)' };
    }
    const r = await sms.sender.send({ phone, templateId: sms.templateId, params: smsParams(n, sms.config.publicBaseUrl) });
    return r.ok ? { ok: true } : r;
  }
  if (!client) return { ok: false, retryable: true, error: 'WeChat not configured' };
  return client.send(n);
}

type Outcome = 'sent' | 'retry' | 'failed' | 'unsubscribed' | 'lost';

async function record(db: Db, row: OutboxRow, result: SendResult, at: Date, maxAttempts: number, random?: () => number): Promise<Outcome> {
  const attempts = row.attempts + 1;
  let outcome: Exclude<Outcome, 'lost'>;
  let set: Partial<typeof outbox.$inferInsert>;
  if (result.ok) {
    outcome = 'sent';
    set = { status: 'sent', sentAt: at.toISOString(), lastError: null };
  } else if (result.unsubscribed) {
    outcome = 'unsubscribed';
    set = { status: 'unsubscribed', lastError: result.error };
  } else if (!result.retryable || attempts >= maxAttempts) {
    outcome = 'failed';
    set = { status: 'failed', lastError: result.error };
  } else {
    outcome = 'retry';
    set = { nextAttemptAt: new Date(at.getTime() + backoffMs(row.attempts, random)).toISOString(), lastError: result.error };
  }
  const updated = await withTransaction(db, async (tx) => {
    const done = await tx
      .update(outbox)
      .set({ ...set, attempts, lockedUntil: null })
      // Still ours: our lock value is unchanged (a worker that took over after
      // our lock expired has written a later one).
      .where(and(eq(outbox.id, row.id), row.lockedUntil === null ? isNull(outbox.lockedUntil) : eq(outbox.lockedUntil, row.lockedUntil)))
      .returning({ id: outbox.id });
    // The consent is gone: the case page (or the staff page) offers 开启提醒 again for the next event.
    if (done.length > 0 && outcome === 'unsubscribed' && row.kind in reminderEvents) {
      const topic = reminderEvents[row.kind as NotificationKind];
      if (topic === 'todo' || topic === 'supervision') {
        const s = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.wxOpenid, row.recipient)).get();
        if (s) await markStaffConsentExhausted(tx, s.id, topic, at);
      } else if (row.caseId !== null) {
        await markCaseConsentExhausted(tx, row.caseId, topic, at);
      }
    }
    return done;
  });
  return updated.length > 0 ? outcome : 'lost';
}

// ------------------------------------------------------------------ the loop

export type OutboxWorkerOptions = Omit<DeliverDeps, 'client' | 'sms'> & {
  wechat: AppConfig['wechat'];
  /** SMS notices: the configuration (the sender is built from it) and what decrypts the phones. */
  smsConfig?: Pick<AppConfig, 'sms' | 'cipher' | 'contactKey' | 'publicBaseUrl'>;
  /** Instead of the SMS sender built from `smsConfig` (tests). */
  smsSender?: SmsSender;
  /** Pause between runs when there was nothing more to do. */
  intervalMs?: number;
  /** Instead of the WeChat client built from `wechat` (tests). */
  client?: NotificationSender;
  fetch?: typeof fetch;
};

export type OutboxWorker = { readonly running: boolean; stop(): Promise<void> };

/**
 * Runs `deliverDue` every `intervalMs` (at once again while batches come back
 * full). Runs never overlap. `stop()` cancels the next run and resolves when
 * the one in progress has recorded its outcomes.
 *
 * Without an AppID and AppSecret nothing could be delivered: the worker does
 * not start, rows stay pending (and go out once WeChat is configured).
 */
export function startOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { logger, intervalMs = 5_000, batch = 20 } = opts;
  const client = opts.client ?? wechatClientFromConfig(opts.wechat, { fetch: opts.fetch, now: opts.now });
  const smsSender =
    opts.smsSender ?? (opts.smsConfig ? smsSenderFromConfig(opts.smsConfig.sms, { fetch: opts.fetch, now: opts.now }) : null);
  const smsTemplate = opts.smsConfig?.sms.templates.notice ?? null;
  const sms: SmsDelivery | null =
    smsSender && smsTemplate && opts.smsConfig ? { sender: smsSender, templateId: smsTemplate, config: opts.smsConfig } : null;
  if (!client && !sms) {
    logger.warn({}, 'neither WeChat (AppID/AppSecret) nor SMS is configured: notifications stay in the outbox, undelivered');
    return { running: false, stop: async () => {} };
  }
  if (!client) logger.warn({}, 'WeChat AppID/AppSecret not configured: WeChat notifications stay in the outbox, undelivered');
  if (!sms) logger.warn({}, 'SMS notices not configured: only WeChat notifications are delivered');
  const missing = client ? notificationKinds.filter((k) => !client.kinds.includes(k)) : [];
  if (missing.length > 0)
    logger.warn({ kinds: missing }, 'no WeChat template configured: these notifications stay in the outbox, undelivered');

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | null = null;

  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(tick, ms);
  };
  const tick = () => {
    timer = undefined;
    if (stopped) return;
    current = (async () => {
      let full = false;
      try {
        const report = await deliverDue({ ...opts, client, sms, batch });
        full = report.claimed >= batch;
      } catch (err) {
        // e.g. SQLITE_BUSY from another process: the next run tries again.
        logger.error({ err }, 'outbox run failed');
      } finally {
        current = null;
      }
      schedule(full ? 0 : intervalMs);
    })();
  };
  schedule(0);

  return {
    get running() {
      return !stopped;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}
