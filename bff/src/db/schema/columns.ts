import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * Timestamps are ISO-8601 UTC strings: they sort correctly as text, read the same
 * in every SQL client, and need no conversion at the API boundary.
 */
export const timestamps = {
  createdAt: text('created_at')
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
  updatedAt: text('updated_at')
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
};

/**
 * The number of the content's current version (content_versions). Every edit
 * names the version it was based on and bumps it, so two editors never
 * silently overwrite each other (optimistic concurrency). Rows that existed
 * before versioning start at 1.
 */
export const contentVersion = {
  version: integer('version').notNull().default(1),
};

/**
 * Versioned content that editors also vouch for: reviewed_at is set by an
 * explicit "mark reviewed" and by every publish; the stale-content report lists
 * published content whose reviewed_at is older than the threshold (or null).
 * reviewed_by has no foreign key on purpose: adding one to an existing SQLite
 * table makes drizzle-kit rebuild the table, which would drop its triggers.
 */
export const editing = {
  ...contentVersion,
  reviewedAt: text('reviewed_at'),
  reviewedBy: integer('reviewed_by'),
};
