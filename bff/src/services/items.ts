import type { ItemListQuery, Paged, ServiceItem, ServiceItemInput, ServiceItemSummary } from '@zw/shared';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  departments,
  halls,
  interpretationItems,
  interpretations,
  policies,
  serviceItems,
  serviceWindows,
  windowItems,
} from '../db/schema';
import type { Executor } from '../db/tx';
import { NotFoundError } from '../lib/errors';
import type { VerbArgs } from '../lib/service';
import { qrCodesFor } from './qr';
import type { SearchDoc } from './search';

const summaryColumns = {
  id: serviceItems.id,
  code: serviceItems.code,
  name: serviceItems.name,
  itemType: serviceItems.itemType,
  summary: serviceItems.summary,
  departmentId: departments.id,
  departmentName: departments.name,
  promisedLimitDays: serviceItems.promisedLimitDays,
  visitsNeeded: serviceItems.visitsNeeded,
  onlineUrl: serviceItems.onlineUrl,
  updatedAt: serviceItems.updatedAt,
};

/** Summaries with their department; the base of every list query. */
function selectSummaries(exec: Executor) {
  return exec.select(summaryColumns).from(serviceItems).innerJoin(departments, eq(departments.id, serviceItems.departmentId));
}
type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

function toSummary(r: SummaryRow): ServiceItemSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    itemType: r.itemType,
    summary: r.summary,
    department: { id: r.departmentId, name: r.departmentName },
    promisedLimitDays: r.promisedLimitDays,
    visitsNeeded: r.visitsNeeded,
    onlineAvailable: r.onlineUrl !== null,
    updatedAt: r.updatedAt,
  };
}

export async function listItems({ ctx: { db, search }, input: q }: VerbArgs<ItemListQuery>): Promise<Paged<ServiceItemSummary>> {
  const where: SQL[] = [eq(serviceItems.status, 'published')];
  if (q.department) where.push(eq(serviceItems.departmentId, q.department));
  if (q.type) where.push(eq(serviceItems.itemType, q.type));
  if (q.window) {
    where.push(inArray(serviceItems.id, db.select({ id: windowItems.itemId }).from(windowItems).where(eq(windowItems.windowId, q.window))));
  }
  if (q.hall) {
    where.push(
      inArray(
        serviceItems.id,
        db
          .select({ id: windowItems.itemId })
          .from(windowItems)
          .innerJoin(serviceWindows, eq(serviceWindows.id, windowItems.windowId))
          .where(eq(serviceWindows.hallId, q.hall)),
      ),
    );
  }
  if (q.q) {
    const match = search.matchExpression(q.q);
    if (match === null) return { data: [], page: q.page, pageSize: q.pageSize, total: 0 };
    // rowid IN (…MATCH…) lets FTS5 produce the matches once; a join would re-run it per row.
    where.push(sql`${serviceItems.id} IN (SELECT d.doc_id FROM search_docs d WHERE d.doc_type = 'item'
      AND d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${match}))`);
  }
  const condition = and(...where);
  const [rows, totalRow] = await Promise.all([
    selectSummaries(db)
      .where(condition)
      .orderBy(asc(departments.sortOrder), asc(serviceItems.code))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(serviceItems).where(condition).get(),
  ]);
  return { data: rows.map(toSummary), page: q.page, pageSize: q.pageSize, total: totalRow?.n ?? 0 };
}

export async function itemSummaries(exec: Executor, ids: number[]): Promise<ServiceItemSummary[]> {
  if (ids.length === 0) return [];
  const rows = await selectSummaries(exec)
    .where(and(inArray(serviceItems.id, ids), eq(serviceItems.status, 'published')))
    .orderBy(asc(serviceItems.code));
  return rows.map(toSummary);
}

/** By id, or by 事项编码 (case-insensitive: codes are stored upper-case). */
export async function getItem({ ctx: { db }, input: by }: VerbArgs<{ id: number } | { code: string }>): Promise<ServiceItem> {
  const row = await db
    .select({ item: serviceItems, dept: { id: departments.id, name: departments.name, phone: departments.phone } })
    .from(serviceItems)
    .innerJoin(departments, eq(departments.id, serviceItems.departmentId))
    .where(
      and(
        'id' in by ? eq(serviceItems.id, by.id) : eq(serviceItems.code, by.code.toUpperCase()),
        // Drafts are invisible to citizens: the same 404 as an id that never existed.
        eq(serviceItems.status, 'published'),
      ),
    )
    .get();
  if (!row) throw new NotFoundError('没有找到这个办事指南，可能已调整或尚未公开');
  const { item, dept } = row;

  const [windows, interps, codes] = await Promise.all([
    db
      .select({ id: serviceWindows.id, number: serviceWindows.number, name: serviceWindows.name, hallId: halls.id, hallName: halls.name })
      .from(windowItems)
      .innerJoin(serviceWindows, eq(serviceWindows.id, windowItems.windowId))
      .innerJoin(halls, eq(halls.id, serviceWindows.hallId))
      .where(and(eq(windowItems.itemId, item.id), eq(serviceWindows.status, 'published'), eq(halls.status, 'published')))
      .orderBy(asc(halls.id), asc(serviceWindows.number)),
    db
      .select({
        id: interpretations.id,
        title: interpretations.title,
        policyId: policies.id,
        policyTitle: policies.title,
        publishedAt: interpretations.publishedAt,
      })
      .from(interpretationItems)
      .innerJoin(interpretations, eq(interpretations.id, interpretationItems.interpretationId))
      .innerJoin(policies, eq(policies.id, interpretations.policyId))
      .where(and(eq(interpretationItems.itemId, item.id), eq(interpretations.status, 'published'), eq(policies.status, 'published')))
      .orderBy(sql`${interpretations.publishedAt} DESC`),
    qrCodesFor(db, 'item', [item.id]),
  ]);

  const { departmentId: _departmentId, ...rest } = item;
  return {
    ...rest,
    department: dept,
    windows,
    interpretations: interps,
    qrCode: codes.get(item.id) ?? '',
  };
}

export function itemSearchDoc(item: ServiceItemInput & { id: number; updatedAt: string }, departmentName: string): SearchDoc {
  return {
    type: 'item',
    id: item.id,
    title: item.name,
    keywords: item.keywords,
    identifiers: [item.code],
    body: [
      item.summary,
      item.conditions.join('；'),
      item.materials.map((m) => m.name).join('；'),
      item.procedure.map((s) => `${s.title}：${s.description}`).join('；'),
      item.faq.map((f) => `${f.q} ${f.a}`).join('；'),
      item.legalBasis.map((b) => `${b.law}${b.articles}`).join('；'),
      `${item.responsibleUnit} ${item.location} ${item.resultName}`,
    ],
    source: departmentName,
    updatedAt: item.updatedAt,
  };
}
