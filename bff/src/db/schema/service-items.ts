import type { Faq, Fee, ItemType, LegalBasis, Material, ProcedureStep } from '@zw/shared';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { editing, timestamps } from './columns';
import { departments } from './departments';

/**
 * 办事指南. List-shaped parts of the guide (basis, steps, materials, FAQ) are JSON
 * columns: they are always read and written with their item, never queried alone.
 */
export const serviceItems = sqliteTable(
  'service_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    itemType: text('item_type').$type<ItemType>().notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    summary: text('summary').notNull(),
    legalBasis: text('legal_basis', { mode: 'json' }).$type<LegalBasis[]>().notNull(),
    procedure: text('procedure', { mode: 'json' }).$type<ProcedureStep[]>().notNull(),
    conditions: text('conditions', { mode: 'json' }).$type<string[]>().notNull(),
    fee: text('fee', { mode: 'json' }).$type<Fee>().notNull(),
    responsibleUnit: text('responsible_unit').notNull(),
    supervisionPhone: text('supervision_phone').notNull(),
    consultPhone: text('consult_phone').notNull(),
    materials: text('materials', { mode: 'json' }).$type<Material[]>().notNull(),
    statutoryLimitDays: integer('statutory_limit_days').notNull(),
    promisedLimitDays: integer('promised_limit_days').notNull(),
    location: text('location').notNull(),
    officeHours: text('office_hours').notNull(),
    visitsNeeded: integer('visits_needed').notNull(),
    onlineUrl: text('online_url'),
    resultName: text('result_name').notNull(),
    /** 办理结果样本: a link to a sample of the result; null when none (and on guides older than migration 0006). */
    resultSampleUrl: text('result_sample_url'),
    faq: text('faq', { mode: 'json' }).$type<Faq[]>().notNull(),
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status', { enum: ['published', 'draft'] }).notNull(),
    ...editing,
    ...timestamps,
  },
  (t) => [
    // Citizen lists filter by department and type, showing published items only.
    index('service_items_dept_idx').on(t.status, t.departmentId, t.id),
    index('service_items_type_idx').on(t.status, t.itemType, t.id),
  ],
);
