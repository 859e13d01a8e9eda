import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * SMS verification codes for the browser sign-in. The code itself is never
 * stored, only its HMAC; the phone only as its HMAC (the same as
 * citizens.phone_hash). A code is single use (used_at), expires (expires_at)
 * and dies after its tries (attempts). A new code for the same phone makes
 * every older one unusable.
 */
export const smsCodes = sqliteTable(
  'sms_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: text('used_at'),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phoneHash, t.id)],
);
