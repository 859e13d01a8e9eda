import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { staffUsers } from './people';

/**
 * Every change an editor makes to public content, kept for good: who, when,
 * what changed (field names) and the whole record after the change. Written in
 * the same transaction as the change. Append-only — database triggers
 * (migration 0005) refuse UPDATE and DELETE, like case_events.
 *
 * Content that existed before versioning (the seed, older databases) gets a
 * `baseline` row for its starting state the first time it is edited.
 */
export const contentVersions = sqliteTable(
  'content_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entityType: text('entity_type', { enum: ['item', 'policy', 'interpretation', 'hall', 'window'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    /** 1, 2, 3… per entity; the entity's `version` column holds the latest. */
    version: integer('version').notNull(),
    action: text('action', { enum: ['baseline', 'create', 'update', 'publish', 'unpublish', 'import'] }).notNull(),
    /** Null for a baseline and for imports run from the command line. */
    editorId: integer('editor_id').references(() => staffUsers.id),
    at: text('at').notNull(),
    /** Top-level field names whose value differs from the previous version. */
    changedFields: text('changed_fields', { mode: 'json' }).$type<string[]>().notNull(),
    /** The editable record after the change (the shape the editing API accepts). */
    snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** HMAC chain: this version's content and the entity's previous version (services/trail.ts). Null only for rows from before the chain. */
    hash: text('hash'),
  },
  (t) => [
    // One row per version; also the index for "history of this entity, newest first".
    unique('content_versions_entity_version').on(t.entityType, t.entityId, t.version),
    index('content_versions_editor_idx').on(t.editorId, t.at),
  ],
);
