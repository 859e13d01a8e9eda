import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';
import { departments } from './departments';

/**
 * A citizen is known by the WeChat openid of this mini-program, by a mobile
 * number verified with an SMS code, or by both (PIPL Art. 6: collect the
 * minimum). session_key is never stored. Development logins use openids
 * prefixed `dev:`.
 *
 * The phone is kept three ways, each for one use: an HMAC (phone_hash) to find
 * the citizen at sign-in without storing the number in the clear, AES-GCM
 * ciphertext (phone_enc) to send SMS notices, and the masked form for display.
 */
export const citizens = sqliteTable('citizens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Null for a citizen who signed in only with a phone (browser). */
  openid: text('openid').unique(),
  phoneHash: text('phone_hash').unique(),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  phoneVerifiedAt: text('phone_verified_at'),
  createdAt: text('created_at').notNull(),
  lastLoginAt: text('last_login_at').notNull(),
});

export type StaffRole = 'staff' | 'supervisor' | 'editor' | 'admin';

export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** scrypt: `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: text('password_hash').notNull(),
    /** True while the password is a published demo password; production refuses to start then. */
    demoPassword: integer('demo_password', { mode: 'boolean' }).notNull().default(false),
    role: text('role').$type<StaffRole>().notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    phone: text('phone'),
    /** WeChat identity bound by the staff member, to log in from the mini-program. */
    wxOpenid: text('wx_openid').unique(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Wrong passwords typed for this account since its last sign-in, from anywhere: told to the staff member at the next sign-in. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lastFailedLoginAt: text('last_failed_login_at'),
    ...timestamps,
  },
  (t) => [index('staff_users_department_idx').on(t.departmentId)],
);

/**
 * What a staff member accepted in requestSubscribeMessage, per topic
 * (shared/src/reminders.ts). `credits` counts one-time consents not yet used;
 * each WeChat message spends one.
 */
export const staffSubscriptions = sqliteTable(
  'staff_subscriptions',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    topic: text('topic').notNull(),
    templateId: text('template_id').notNull(),
    credits: integer('credits').notNull().default(0),
    /** The last answer WeChat gave for this template: accept, reject, ban, filter — or exhausted after a 43101. */
    lastResult: text('last_result').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.topic] })],
);
