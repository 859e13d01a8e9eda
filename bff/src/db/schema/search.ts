import { integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

/**
 * One row per searchable document, with the plain text shown in results (so a
 * search needs no join per document type). Its id is the rowid of the FTS5
 * table `search_fts` (hand-written migration: drizzle-kit does not model
 * virtual tables), which holds the tokenised title and body.
 */
export const searchDocs = sqliteTable(
  'search_docs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    docType: text('doc_type', { enum: ['item', 'policy'] }).notNull(),
    docId: integer('doc_id').notNull(),
    title: text('title').notNull(),
    /** Aliases and everyday words, shown when they are what matched. */
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
    /** Plain text the snippet is cut from. */
    body: text('body').notNull(),
    /** Department for items, issuer for policies. */
    source: text('source').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [unique('search_docs_doc').on(t.docType, t.docId)],
);
