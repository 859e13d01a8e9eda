import type { DeadlineUnit, MessageType } from '@zw/shared';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { departments } from './departments';

/** Statutory holidays and 调休 working weekends: data an admin can update each year. */
export const calendarDays = sqliteTable('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
  source: text('source', { enum: ['chinese-days', 'admin'] }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Time limit per message type (configurable; defaults in shared). */
export const deadlineRules = sqliteTable('deadline_rules', {
  type: text('type').$type<MessageType>().primaryKey(),
  days: integer('days').notNull(),
  unit: text('unit').$type<DeadlineUnit>().notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Small named settings (reopen window, follow-up deadline…), JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const replyTemplates = sqliteTable('reply_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type').$type<MessageType>().notNull(),
  departmentId: integer('department_id').references(() => departments.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
});

/** Fixed-window counters for rate limits that must hold across instances (logins, submissions). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});
