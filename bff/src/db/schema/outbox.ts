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
    kind: text('kind', { enum: ['case_answered', 'case_assigned'] }).notNull(),
    /** Recipient's openid (a citizen, or a staff member who bound WeChat). */
    recipient: text('recipient').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** Set while a worker holds the row, so two workers never send it twice. */
    lockedUntil: text('locked_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);
