import {
  emptyInterpretationDraft,
  emptyPolicyDraft,
  interpretationFieldLabels,
  interpretationPublishProblems,
  InterpretationDraft,
  policyFieldLabels,
  policyPublishProblems,
  PolicyDraft,
  type EditorInterpretation,
  type EditorListQuery,
  type EditorPolicy,
  type EditorPolicyList,
  type InterpretationCreateBody,
  type InterpretationPatchBody,
  type PolicyCreateBody,
  type PolicyPatchBody,
  beijingDate,
} from '@zw/shared';
import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { departments, interpretationItems, interpretations, policies, serviceItems, staffUsers } from '../../db/schema';
import type { Executor } from '../../db/tx';
import { AppError, ValidationError } from '../../lib/errors';
import type { StaffArgs, VerbArgs } from '../../lib/service';
import { policySearchDoc } from '../policies';
import type { SearchService } from '../search';
import { createEntity, uniqueIds, updateEntity, type EntityAdapter } from './engine';
import { viewOr404, type EditableKind } from './lifecycle';

export type PolicySnapshot = PolicyDraft;
export type InterpretationSnapshot = InterpretationDraft;

const policyKeys = Object.keys(PolicyDraft.shape) as Array<keyof PolicySnapshot>;
const interpretationKeys = Object.keys(InterpretationDraft.shape).filter((k) => k !== 'itemIds') as Array<
  Exclude<keyof InterpretationSnapshot, 'itemIds'>
>;

type PolicyRow = typeof policies.$inferSelect;
type InterpretationRow = typeof interpretations.$inferSelect;

export function policySnapshot(row: PolicyRow): PolicySnapshot {
  return Object.fromEntries(policyKeys.map((k) => [k, row[k]])) as PolicySnapshot;
}

async function interpretationSnapshot(exec: Executor, row: InterpretationRow): Promise<InterpretationSnapshot> {
  const links = await exec
    .select({ itemId: interpretationItems.itemId })
    .from(interpretationItems)
    .where(eq(interpretationItems.interpretationId, row.id))
    .orderBy(asc(interpretationItems.itemId));
  return {
    ...(Object.fromEntries(interpretationKeys.map((k) => [k, row[k]])) as Omit<InterpretationSnapshot, 'itemIds'>),
    itemIds: links.map((l) => l.itemId),
  };
}

/**
 * A policy's search document holds its published interpretations too, so it is
 * rebuilt whenever either changes; a draft (or withdrawn) policy leaves the index.
 * Not a verb: it runs on the writing transaction (the adapters' afterChange).
 */
export async function reindexPolicy(tx: Executor, search: SearchService, policyId: number): Promise<void> {
  const row = await tx.select().from(policies).where(eq(policies.id, policyId)).get();
  if (!row || row.status !== 'published') {
    await search.removeDoc(tx, 'policy', policyId);
    return;
  }
  const interps = await tx
    .select()
    .from(interpretations)
    .where(and(eq(interpretations.policyId, policyId), eq(interpretations.status, 'published')))
    .orderBy(desc(interpretations.publishedAt), asc(interpretations.id));
  await search.indexDoc(tx, policySearchDoc({ ...policySnapshot(row), id: row.id, updatedAt: row.updatedAt }, interps));
}

async function checkDepartment(tx: Executor, id: number | null): Promise<void> {
  if (id === null) return;
  const row = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, id)).get();
  if (!row) throw new ValidationError([{ field: 'body.departmentId', message: `部门不存在（id ${id}）` }]);
}

export const policyAdapter: EntityAdapter<PolicySnapshot> = {
  type: 'policy',
  noun: '政策文件',
  labels: policyFieldLabels,

  async load(tx, id) {
    const row = await tx.select().from(policies).where(eq(policies.id, id)).get();
    return row ? { snapshot: policySnapshot(row), version: row.version, updatedAt: row.updatedAt } : null;
  },
  async insert(tx, record, at) {
    const [row] = await tx
      .insert(policies)
      .values({ ...record, version: 1, createdAt: at, updatedAt: at })
      .returning({ id: policies.id });
    return row!.id;
  },
  async update(tx, id, record, version, at) {
    await tx
      .update(policies)
      .set({ ...record, version, updatedAt: at })
      .where(and(eq(policies.id, id), eq(policies.version, version - 1)));
  },
  async check(tx, record, id) {
    await checkDepartment(tx, record.departmentId);
    const clash = await tx
      .select({ id: policies.id, title: policies.title })
      .from(policies)
      .where(and(eq(policies.docNumber, record.docNumber), id === null ? undefined : ne(policies.id, id)))
      .get();
    if (clash)
      throw new AppError('CONFLICT', 409, `文号 ${record.docNumber} 已被“${clash.title}”使用`, {
        field: 'docNumber',
        existingId: clash.id,
      });
  },
  publishProblems: (record) => policyPublishProblems(record),
  async afterChange(tx, search, id) {
    await reindexPolicy(tx, search, id);
  },
  async markReviewed(tx, id, at, editorId) {
    await tx.update(policies).set({ reviewedAt: at, reviewedBy: editorId }).where(eq(policies.id, id));
  },
};

async function checkItems(tx: Executor, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (await tx.select({ id: serviceItems.id }).from(serviceItems).where(inArray(serviceItems.id, ids))).map((r) => r.id),
  );
  const missing = ids.filter((i) => !found.has(i));
  if (missing.length) throw new ValidationError([{ field: 'body.itemIds', message: `关联的事项不存在：${missing.join('、')}` }]);
}

export const interpretationAdapter: EntityAdapter<InterpretationSnapshot> = {
  type: 'interpretation',
  noun: '政策解读',
  labels: interpretationFieldLabels,
  normalize: (record) => ({ ...record, itemIds: uniqueIds(record.itemIds) }),

  async load(tx, id) {
    const row = await tx.select().from(interpretations).where(eq(interpretations.id, id)).get();
    return row ? { snapshot: await interpretationSnapshot(tx, row), version: row.version, updatedAt: row.updatedAt } : null;
  },
  async insert(tx, record, at) {
    const { itemIds, ...fields } = record;
    const [row] = await tx
      .insert(interpretations)
      .values({ ...fields, version: 1, createdAt: at, updatedAt: at })
      .returning({ id: interpretations.id });
    if (itemIds.length) await tx.insert(interpretationItems).values(itemIds.map((itemId) => ({ interpretationId: row!.id, itemId })));
    return row!.id;
  },
  async update(tx, id, record, version, at) {
    const { itemIds, ...fields } = record;
    await tx
      .update(interpretations)
      .set({ ...fields, version, updatedAt: at })
      .where(and(eq(interpretations.id, id), eq(interpretations.version, version - 1)));
    await tx.delete(interpretationItems).where(eq(interpretationItems.interpretationId, id));
    if (itemIds.length) await tx.insert(interpretationItems).values(itemIds.map((itemId) => ({ interpretationId: id, itemId })));
  },
  async check(tx, record) {
    await checkItems(tx, record.itemIds);
  },
  publishProblems: (record) => interpretationPublishProblems(record),
  // The release date is the day it is published, unless the editor set one.
  beforePublish: (record, at) => (record.publishedAt ? record : { ...record, publishedAt: beijingDate(at) }),
  async afterChange(tx, search, _id, record) {
    await reindexPolicy(tx, search, record.policyId);
  },
  async markReviewed(tx, id, at, editorId) {
    await tx.update(interpretations).set({ reviewedAt: at, reviewedBy: editorId }).where(eq(interpretations.id, id));
  },
};

export function newPolicyRecord(body: PolicyCreateBody): PolicySnapshot {
  return { ...emptyPolicyDraft, ...stripUndefined(body), status: 'draft' } as PolicySnapshot;
}

async function newInterpretationRecord(db: Executor, policyId: number, body: InterpretationCreateBody): Promise<InterpretationSnapshot> {
  const policy = await db.select({ id: policies.id, issuer: policies.issuer }).from(policies).where(eq(policies.id, policyId)).get();
  if (!policy) throw new AppError('NOT_FOUND', 404, '没有找到这份政策文件');
  // 谁起草谁解读: the issuing body interprets, unless the editor names another.
  return {
    ...emptyInterpretationDraft,
    interpreter: policy.issuer,
    ...stripUndefined(body),
    policyId,
    status: 'draft',
  } as InterpretationSnapshot;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function reviewer(db: Executor, id: number | null): Promise<{ id: number; name: string } | null> {
  if (id === null) return null;
  const row = await db.select({ name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, id)).get();
  return { id, name: row?.name ?? '' };
}

async function editorPolicyView(db: Executor, id: number): Promise<EditorPolicy | null> {
  const row = await db.select().from(policies).where(eq(policies.id, id)).get();
  if (!row) return null;
  const snapshot = policySnapshot(row);
  const interps = await db
    .select({
      id: interpretations.id,
      title: interpretations.title,
      status: interpretations.status,
      version: interpretations.version,
      updatedAt: interpretations.updatedAt,
    })
    .from(interpretations)
    .where(eq(interpretations.policyId, id))
    .orderBy(asc(interpretations.id));
  return {
    ...snapshot,
    id: row.id,
    version: row.version,
    reviewedAt: row.reviewedAt,
    reviewedBy: await reviewer(db, row.reviewedBy),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishProblems: policyPublishProblems(snapshot),
    interpretations: interps,
  };
}

async function editorInterpretationView(db: Executor, id: number): Promise<EditorInterpretation | null> {
  const row = await db.select().from(interpretations).where(eq(interpretations.id, id)).get();
  if (!row) return null;
  const snapshot = await interpretationSnapshot(db, row);
  return {
    ...snapshot,
    id: row.id,
    version: row.version,
    reviewedAt: row.reviewedAt,
    reviewedBy: await reviewer(db, row.reviewedBy),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishProblems: interpretationPublishProblems(snapshot),
  };
}

/** Policies and interpretations for publish / unpublish / review / history (lifecycle.ts). */
export const policyKind: EditableKind<PolicySnapshot, EditorPolicy> = { adapter: policyAdapter, view: editorPolicyView };
export const interpretationKind: EditableKind<InterpretationSnapshot, EditorInterpretation> = {
  adapter: interpretationAdapter,
  view: editorInterpretationView,
};

export async function getEditorPolicy({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<EditorPolicy> {
  return viewOr404(ctx.db, policyKind, id);
}

export async function getEditorInterpretation({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<EditorInterpretation> {
  return viewOr404(ctx.db, interpretationKind, id);
}

/** A new draft policy document. */
export async function createEditorPolicy({ ctx, input }: StaffArgs<PolicyCreateBody>): Promise<EditorPolicy> {
  const { id } = await createEntity({ ctx, input: { adapter: policyAdapter, record: newPolicyRecord(input) } });
  return viewOr404(ctx.db, policyKind, id);
}

export async function updateEditorPolicy({
  ctx,
  input: { id, baseVersion, changes },
}: StaffArgs<{ id: number; baseVersion: number | undefined; changes: Omit<PolicyPatchBody, 'baseVersion'> }>): Promise<EditorPolicy> {
  await updateEntity({ ctx, input: { adapter: policyAdapter, id, patch: changes, baseVersion } });
  return viewOr404(ctx.db, policyKind, id);
}

/** A new draft interpretation of a policy (404 when the policy does not exist). */
export async function createEditorInterpretation({
  ctx,
  input: { policyId, body },
}: StaffArgs<{ policyId: number; body: InterpretationCreateBody }>): Promise<EditorInterpretation> {
  const record = await newInterpretationRecord(ctx.db, policyId, body);
  const { id } = await createEntity({ ctx, input: { adapter: interpretationAdapter, record } });
  return viewOr404(ctx.db, interpretationKind, id);
}

export async function updateEditorInterpretation({
  ctx,
  input: { id, baseVersion, changes },
}: StaffArgs<{
  id: number;
  baseVersion: number | undefined;
  changes: Omit<InterpretationPatchBody, 'baseVersion'>;
}>): Promise<EditorInterpretation> {
  await updateEntity({ ctx, input: { adapter: interpretationAdapter, id, patch: changes, baseVersion } });
  return viewOr404(ctx.db, interpretationKind, id);
}

export async function listEditorPolicies({ ctx: { db }, input: q }: VerbArgs<EditorListQuery>): Promise<EditorPolicyList> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(policies.status, q.status));
  if (q.department) where.push(eq(policies.departmentId, q.department));
  if (q.q) where.push(or(sql`instr(${policies.title}, ${q.q}) > 0`, sql`instr(${policies.docNumber}, ${q.q}) > 0`)!);
  const condition = where.length ? and(...where) : undefined;
  const [rows, total] = await Promise.all([
    db
      .select({
        id: policies.id,
        docNumber: policies.docNumber,
        title: policies.title,
        issuer: policies.issuer,
        status: policies.status,
        version: policies.version,
        reviewedAt: policies.reviewedAt,
        updatedAt: policies.updatedAt,
        interpretationCount: sql<number>`(SELECT count(*) FROM ${interpretations} WHERE ${interpretations.policyId} = ${policies.id})`,
      })
      .from(policies)
      .where(condition)
      .orderBy(desc(policies.issuedAt), desc(policies.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(policies).where(condition).get(),
  ]);
  return { data: rows, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
}
