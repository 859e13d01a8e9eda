import { text } from 'drizzle-orm/sqlite-core';

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
