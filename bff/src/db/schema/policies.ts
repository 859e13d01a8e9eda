import type { Faq, PolicyValidity } from '@zw/shared';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { editing, timestamps } from './columns';
import { departments } from './departments';
import { serviceItems } from './service-items';

export const policies = sqliteTable(
  'policies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    docNumber: text('doc_number').notNull().unique(),
    issuer: text('issuer').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    issuedAt: text('issued_at').notNull(),
    effectiveAt: text('effective_at').notNull(),
    expiresAt: text('expires_at'),
    validity: text('validity').$type<PolicyValidity>().notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['published', 'draft'] }).notNull(),
    ...editing,
    ...timestamps,
  },
  // Newest documents first is the default list order.
  (t) => [index('policies_issued_idx').on(t.status, t.issuedAt)],
);

export const interpretations = sqliteTable(
  'interpretations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    policyId: integer('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    form: text('form', { enum: ['文字解读', '问答解读', '图解'] }).notNull(),
    interpreter: text('interpreter').notNull(),
    publishedAt: text('published_at').notNull(),
    background: text('background').notNull(),
    purpose: text('purpose').notNull(),
    mainPoints: text('main_points', { mode: 'json' }).$type<string[]>().notNull(),
    scope: text('scope').notNull(),
    keyTerms: text('key_terms', { mode: 'json' }).$type<{ term: string; definition: string }[]>().notNull(),
    changes: text('changes').notNull(),
    benefits: text('benefits').notNull(),
    qa: text('qa', { mode: 'json' }).$type<Faq[]>().notNull(),
    status: text('status', { enum: ['published', 'draft'] }).notNull(),
    ...editing,
    ...timestamps,
  },
  (t) => [index('interpretations_policy_idx').on(t.policyId)],
);

/** 解读 ↔ 事项: which service items an interpretation affects. */
export const interpretationItems = sqliteTable(
  'interpretation_items',
  {
    interpretationId: integer('interpretation_id')
      .notNull()
      .references(() => interpretations.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => serviceItems.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.interpretationId, t.itemId] }), index('interpretation_items_item_idx').on(t.itemId)],
);
