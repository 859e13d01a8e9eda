import { z } from 'zod';

/**
 * A positive row id, as in `/api/items/12`: a JSON number or text in a path or query. Text must be the
 * canonical decimal form (`12`, not `0x0c`, ` 12`, `+12`, `1e1` or `012`, which
 * Number() would accept): one id has one spelling, so caches, logs and
 * permission checks never see two names for the same object.
 */
export const IdParam = z.preprocess(
  (v) => (typeof v === 'string' && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : v),
  z
    .number({ error: '必须是正整数' })
    .int({ error: '必须是正整数' })
    .positive({ error: '必须是正整数' })
    .max(2_147_483_647, { error: '数值过大' }),
);

/** ISO-8601 timestamp as stored and sent (UTC, e.g. 2026-11-23T08:00:00.000Z). */
export const Timestamp = z.iso.datetime({ error: '必须是 ISO 8601 时间' });

/** Calendar date as used on official documents (YYYY-MM-DD). */
export const DateOnly = z.iso.date({ error: '必须是 YYYY-MM-DD 日期' });

/** Mainland landline or mobile number as printed on guides: digits with optional dashes, 5-20 chars (12345 is valid). */
export const PublicPhone = z
  .string()
  .trim()
  .regex(/^[0-9][0-9-]{3,19}$/, { error: '电话号码格式不正确' });

export const PageQuery = z.object({
  page: z.coerce
    .number({ error: '页码必须是数字' })
    .int({ error: '页码必须是整数' })
    .min(1, { error: '页码从 1 开始' })
    .max(10_000, { error: '页码过大' })
    .default(1),
  pageSize: z.coerce
    .number({ error: '每页条数必须是数字' })
    .int({ error: '每页条数必须是整数' })
    .min(1, { error: '每页至少 1 条' })
    .max(50, { error: '每页最多 50 条' })
    .default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Page envelope shared by every list endpoint. */
export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}
export type Paged<T> = { data: T[]; page: number; pageSize: number; total: number };
