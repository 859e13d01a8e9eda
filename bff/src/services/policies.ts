import type {
  Interpretation,
  InterpretationDetail,
  InterpretationInput,
  Paged,
  PolicyDetail,
  PolicyInput,
  PolicyListQuery,
  PolicySummary,
} from '@zw/shared';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments, interpretationItems, interpretations, policies } from '../db/schema';
import type { Executor } from '../db/tx';
import { NotFoundError } from '../lib/errors';
import type { VerbArgs } from '../lib/service';
import { itemSummaries } from './items';

const summaryColumns = {
  id: policies.id,
  title: policies.title,
  docNumber: policies.docNumber,
  issuer: policies.issuer,
  issuedAt: policies.issuedAt,
  effectiveAt: policies.effectiveAt,
  expiresAt: policies.expiresAt,
  validity: policies.validity,
  summary: policies.summary,
  updatedAt: policies.updatedAt,
  departmentId: departments.id,
  departmentName: departments.name,
  interpretationCount: sql<number>`(SELECT count(*) FROM ${interpretations}
    WHERE ${interpretations.policyId} = ${policies.id} AND ${interpretations.status} = 'published')`,
};

function selectSummaries(exec: Executor) {
  return exec.select(summaryColumns).from(policies).leftJoin(departments, eq(departments.id, policies.departmentId));
}
type Row = Awaited<ReturnType<typeof selectSummaries>>[number];

function toSummary(r: Row): PolicySummary {
  const { departmentId, departmentName, ...rest } = r;
  return { ...rest, department: departmentId !== null && departmentName !== null ? { id: departmentId, name: departmentName } : null };
}

export async function listPolicies({ ctx: { db, search }, input: q }: VerbArgs<PolicyListQuery>): Promise<Paged<PolicySummary>> {
  const where: SQL[] = [eq(policies.status, 'published')];
  if (q.department) where.push(eq(policies.departmentId, q.department));
  if (q.validity) where.push(eq(policies.validity, q.validity));
  if (q.q) {
    const match = search.matchExpression(q.q);
    if (match === null) return { data: [], page: q.page, pageSize: q.pageSize, total: 0 };
    // rowid IN (…MATCH…) lets FTS5 produce the matches once; a join would re-run it per row.
    where.push(sql`${policies.id} IN (SELECT d.doc_id FROM search_docs d WHERE d.doc_type = 'policy'
      AND d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${match}))`);
  }
  const condition = and(...where);
  const [rows, total] = await Promise.all([
    selectSummaries(db)
      .where(condition)
      .orderBy(desc(policies.issuedAt), desc(policies.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(policies).where(condition).get(),
  ]);
  return { data: rows.map(toSummary), page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
}

async function interpretationsOf(db: Db, where: SQL): Promise<Interpretation[]> {
  const rows = await db
    .select()
    .from(interpretations)
    .where(and(where, eq(interpretations.status, 'published')))
    .orderBy(desc(interpretations.publishedAt), desc(interpretations.id));
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(interpretationItems)
    .where(
      inArray(
        interpretationItems.interpretationId,
        rows.map((r) => r.id),
      ),
    );
  const items = await itemSummaries(db, [...new Set(links.map((l) => l.itemId))]);
  const byId = new Map(items.map((i) => [i.id, i]));
  return rows.map(({ createdAt: _c, ...r }) => ({
    ...r,
    items: links.filter((l) => l.interpretationId === r.id).flatMap((l) => byId.get(l.itemId) ?? []),
  }));
}

export async function getPolicy({ ctx: { db }, input: { id } }: VerbArgs<{ id: number }>): Promise<PolicyDetail> {
  const row = await db
    .select({ ...summaryColumns, body: policies.body })
    .from(policies)
    .leftJoin(departments, eq(departments.id, policies.departmentId))
    .where(and(eq(policies.id, id), eq(policies.status, 'published')))
    .get();
  if (!row) throw new NotFoundError('没有找到这份政策文件，可能尚未公开');
  const { body, ...summary } = row;
  return { ...toSummary(summary), body, interpretations: await interpretationsOf(db, eq(interpretations.policyId, id)) };
}

export async function getInterpretation({ ctx: { db }, input: { id } }: VerbArgs<{ id: number }>): Promise<InterpretationDetail> {
  const [interp] = await interpretationsOf(db, eq(interpretations.id, id));
  if (!interp) throw new NotFoundError('没有找到这篇政策解读，可能尚未公开');
  const policy = await selectSummaries(db)
    .where(and(eq(policies.id, interp.policyId), eq(policies.status, 'published')))
    .get();
  // An interpretation of an unpublished document is not public either.
  if (!policy) throw new NotFoundError('没有找到这篇政策解读，可能尚未公开');
  return { ...interp, policy: toSummary(policy) };
}

export function policySearchDoc(
  p: PolicyInput & { id: number; updatedAt: string },
  interps: Array<Pick<InterpretationInput, 'title' | 'mainPoints' | 'qa' | 'benefits' | 'scope'>>,
) {
  return {
    type: 'policy' as const,
    id: p.id,
    title: p.title,
    keywords: interps.map((i) => i.title),
    identifiers: [p.docNumber],
    body: [
      p.summary,
      ...interps.flatMap((i) => [i.mainPoints.join('；'), i.benefits, i.scope, i.qa.map((x) => `${x.q} ${x.a}`).join('；')]),
      p.body,
    ],
    source: p.issuer,
    updatedAt: p.updatedAt,
  };
}
