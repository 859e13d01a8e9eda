import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Notifications written in the same transaction as the change they announce,
 * delivered later by the worker: nothing is lost if the process dies between
 * the change and the delivery.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** services/notifications/kinds.ts lists the kinds and their payloads. */
    kind: text('kind').notNull(),
    /**
     * The one channel chosen when the event happened: WeChat if the person
     * subscribed, else SMS if they verified a phone, else none (kept, status
     * `skipped`, so "nobody could be told" is on record and countable).
     */
    channel: text('channel', { enum: ['wechat', 'sms', 'none'] })
      .notNull()
      .default('wechat'),
    /** WeChat: the openid. SMS: the phone as AES-GCM ciphertext (never in the clear). None: empty. */
    recipient: text('recipient').notNull(),
    /** The case the notice is about, if any (to find what a case has sent). */
    caseId: integer('case_id'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /**
     * pending → sent | failed (delivery failed for good) | unsubscribed (WeChat
     * 43101: the citizen refused or the consent was used up — not a delivery
     * failure, never retried) | skipped (channel none: nothing to send).
     */
    status: text('status', { enum: ['pending', 'sent', 'failed', 'unsubscribed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** Set while a worker holds the row, so two workers never send it twice. */
    lockedUntil: text('locked_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_case_idx').on(t.caseId)],
);
