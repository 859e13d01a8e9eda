import { index, integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { contentVersion, timestamps } from './columns';
import { departments } from './departments';
import { serviceItems } from './service-items';

export const halls = sqliteTable('halls', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  address: text('address').notNull(),
  phone: text('phone').notNull(),
  hours: text('hours').notNull(),
  description: text('description').notNull(),
  directions: text('directions').notNull(),
  /** Citizens see published halls and windows only. Existing rows (and the seed) are published; the editing API creates drafts. */
  status: text('status', { enum: ['published', 'draft'] })
    .notNull()
    .default('published'),
  ...contentVersion,
  ...timestamps,
});

export const serviceWindows = sqliteTable(
  'service_windows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hallId: integer('hall_id')
      .notNull()
      .references(() => halls.id),
    number: text('number').notNull(),
    name: text('name').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    description: text('description').notNull(),
    status: text('status', { enum: ['published', 'draft'] })
      .notNull()
      .default('published'),
    ...contentVersion,
    ...timestamps,
  },
  (t) => [unique('service_windows_hall_number').on(t.hallId, t.number)],
);

/** Which window handles which item (many-to-many). */
export const windowItems = sqliteTable(
  'window_items',
  {
    windowId: integer('window_id')
      .notNull()
      .references(() => serviceWindows.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => serviceItems.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.windowId, t.itemId] }),
    // "Where can I do this item?" reads by item.
    index('window_items_item_idx').on(t.itemId),
  ],
);
