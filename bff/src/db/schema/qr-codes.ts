import type { QrTargetType } from '@zw/shared';
import { integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

/**
 * Short stable codes printed in QR URLs. A code is never reused for another target,
 * so a sticker on a window keeps working for as long as the window exists.
 */
export const qrCodes = sqliteTable(
  'qr_codes',
  {
    code: text('code').primaryKey(),
    targetType: text('target_type').$type<QrTargetType>().notNull(),
    targetId: integer('target_id').notNull(),
    createdAt: text('created_at')
      .notNull()
      .$defaultFn(() => new Date().toISOString()),
  },
  (t) => [unique('qr_codes_target').on(t.targetType, t.targetId)],
);
