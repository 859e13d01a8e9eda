import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';
import { departments } from './departments';

/**
 * A citizen is known by the WeChat openid of this mini-program, nothing else
 * (PIPL Art. 6: collect the minimum). session_key is never stored. Development
 * logins use openids prefixed `dev:`.
 */
export const citizens = sqliteTable('citizens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  openid: text('openid').notNull().unique(),
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
    ...timestamps,
  },
  (t) => [index('staff_users_department_idx').on(t.departmentId)],
);
