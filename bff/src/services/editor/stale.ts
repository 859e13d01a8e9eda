import type { StaleReport } from '@zw/shared';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { departments, policies, serviceItems } from '../../db/schema';
import type { VerbArgs } from '../../lib/service';
import { getSettings } from '../settings';

const DAY_MS = 24 * 3600_000;

/**
 * 公开不及时: published guides and policies nobody has vouched for within the
 * threshold (the `staleAfterDays` setting, or the request's `days`). Never
 * reviewed counts as stale: content loaded by the seed or an import is only
 * "reviewed" once an editor publishes it or marks it reviewed.
 * Oldest review first, never-reviewed (oldest created) before everything.
 */
export async function staleReport({ ctx: { db, now }, input: { days } }: VerbArgs<{ days?: number | undefined }>): Promise<StaleReport> {
  const thresholdDays = days ?? (await getSettings(db)).staleAfterDays;
  const cutoff = new Date(now.getTime() - thresholdDays * DAY_MS).toISOString();
  const [items, docs] = await Promise.all([
    db
      .select({
        id: serviceItems.id,
        code: serviceItems.code,
        title: serviceItems.name,
        department: departments.name,
        reviewedAt: serviceItems.reviewedAt,
        createdAt: serviceItems.createdAt,
        updatedAt: serviceItems.updatedAt,
      })
      .from(serviceItems)
      .innerJoin(departments, eq(departments.id, serviceItems.departmentId))
      .where(and(eq(serviceItems.status, 'published'), or(isNull(serviceItems.reviewedAt), lt(serviceItems.reviewedAt, cutoff))))
      .orderBy(asc(sql`coalesce(${serviceItems.reviewedAt}, '')`), asc(serviceItems.createdAt), asc(serviceItems.code)),
    db
      .select({
        id: policies.id,
        code: policies.docNumber,
        title: policies.title,
        department: departments.name,
        reviewedAt: policies.reviewedAt,
        createdAt: policies.createdAt,
        updatedAt: policies.updatedAt,
      })
      .from(policies)
      .leftJoin(departments, eq(departments.id, policies.departmentId))
      .where(and(eq(policies.status, 'published'), or(isNull(policies.reviewedAt), lt(policies.reviewedAt, cutoff))))
      .orderBy(asc(sql`coalesce(${policies.reviewedAt}, '')`), asc(policies.createdAt), asc(policies.id)),
  ]);
  const entry = (type: 'item' | 'policy') => (r: (typeof items)[number] | (typeof docs)[number]) => ({
    type,
    id: r.id,
    code: r.code,
    title: r.title,
    department: r.department,
    reviewedAt: r.reviewedAt,
    updatedAt: r.updatedAt,
    daysSinceReview: Math.floor((now.getTime() - Date.parse(r.reviewedAt ?? r.createdAt)) / DAY_MS),
  });
  const data = [...items.map(entry('item')), ...docs.map(entry('policy'))].sort(
    (a, b) => Number(a.reviewedAt !== null) - Number(b.reviewedAt !== null) || b.daysSinceReview - a.daysSinceReview,
  );
  return { thresholdDays, thresholdSource: days === undefined ? 'setting' : 'query', asOf: now.toISOString(), total: data.length, data };
}
