import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outbox } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import type { Logger } from '../../lib/logger';
import type { AppConfig } from '../../lib/ports';
import { notificationKinds, parseNotification, type NotificationKind } from './outbox';
import { wechatClientFromConfig, type NotificationSender, type SendResult } from './wechat';

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
 * request, send, token refresh, resend: 4 × the client's 10 s timeout), or an
 * expired claim could be taken by another worker while this one still sends.
 */
export const DEFAULT_LOCK_MS = 2 * 60_000;
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
  /** Only rows of these kinds (the ones the sender has a template for). */
  kinds?: readonly NotificationKind[];
  batch?: number;
  lockMs?: number;
};

/** Locks up to `batch` due rows for this worker and returns them (with the lock it set). */
export async function claimDue({
  db,
  now,
  kinds = notificationKinds,
  batch = 20,
  lockMs = DEFAULT_LOCK_MS,
}: ClaimOptions): Promise<OutboxRow[]> {
  if (kinds.length === 0 || batch <= 0) return [];
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
          inArray(outbox.kind, [...kinds]),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(batch);
    return tx.update(outbox).set({ lockedUntil }).where(inArray(outbox.id, due)).returning();
  });
}

export type DeliverDeps = {
  db: Db;
  client: NotificationSender;
  logger: Logger;
  now: () => Date;
  batch?: number;
  lockMs?: number;
  maxAttempts?: number;
  /** For the backoff jitter. */
  random?: () => number;
};

export type DeliverReport = { claimed: number; sent: number; retried: number; failed: number };

/** One run: claim due rows, send them (concurrently, within the batch), record the outcomes. */
export async function deliverDue(deps: DeliverDeps): Promise<DeliverReport> {
  const { db, client, logger, now } = deps;
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const rows = await claimDue({ db, now, kinds: client.kinds, batch: deps.batch ?? 20, lockMs: deps.lockMs ?? DEFAULT_LOCK_MS });
  const report: DeliverReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };

  await Promise.all(
    rows.map(async (row) => {
      const n = parseNotification(row);
      let result: SendResult;
      if (!n) {
        result = { ok: false, retryable: false, error: 'payload does not match its kind' };
      } else {
        try {
          result = await client.send(n);
        } catch (err) {
          // The sender promises not to throw; if it does, the message is not at fault.
          result = { ok: false, retryable: true, error: `sender threw ${err instanceof Error ? err.name : 'error'}` };
        }
      }
      const outcome = await record(db, row, result, now(), maxAttempts, deps.random);
      // Ids, kinds and error codes only: no openid, no payload, no token.
      const log = { outboxId: row.id, kind: row.kind, attempts: row.attempts + 1 };
      if (outcome === 'lost') {
        logger.warn(log, 'outbox row was reclaimed by another worker before its outcome was recorded');
      } else if (outcome === 'sent') {
        report.sent += 1;
        logger.info(log, 'notification sent');
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

type Outcome = 'sent' | 'retry' | 'failed' | 'lost';

async function record(db: Db, row: OutboxRow, result: SendResult, at: Date, maxAttempts: number, random?: () => number): Promise<Outcome> {
  const attempts = row.attempts + 1;
  let outcome: Exclude<Outcome, 'lost'>;
  let set: Partial<typeof outbox.$inferInsert>;
  if (result.ok) {
    outcome = 'sent';
    set = { status: 'sent', sentAt: at.toISOString(), lastError: null };
  } else if (!result.retryable || attempts >= maxAttempts) {
    outcome = 'failed';
    set = { status: 'failed', lastError: result.error };
  } else {
    outcome = 'retry';
    set = { nextAttemptAt: new Date(at.getTime() + backoffMs(row.attempts, random)).toISOString(), lastError: result.error };
  }
  const updated = await withTransaction(db, (tx) =>
    tx
      .update(outbox)
      .set({ ...set, attempts, lockedUntil: null })
      // Still ours: our lock value is unchanged (a worker that took over after
      // our lock expired has written a later one).
      .where(and(eq(outbox.id, row.id), row.lockedUntil === null ? isNull(outbox.lockedUntil) : eq(outbox.lockedUntil, row.lockedUntil)))
      .returning({ id: outbox.id }),
  );
  return updated.length > 0 ? outcome : 'lost';
}

// ------------------------------------------------------------------ the loop

export type OutboxWorkerOptions = Omit<DeliverDeps, 'client'> & {
  wechat: AppConfig['wechat'];
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
  if (!client) {
    logger.warn({}, 'WeChat AppID/AppSecret not configured: notifications stay in the outbox, undelivered');
    return { running: false, stop: async () => {} };
  }
  const missing = notificationKinds.filter((k) => !client.kinds.includes(k));
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
        const report = await deliverDue({ ...opts, client, batch });
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
