import {
  emptyItemDraft,
  itemFieldLabels,
  itemPublishProblems,
  ServiceItemDraft,
  type EditorItem,
  type EditorItemList,
  type EditorListQuery,
  type ItemCreateBody,
  type ItemPatchBody,
} from '@zw/shared';
import { and, asc, count, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { departments, serviceItems, staffUsers } from '../../db/schema';
import type { Executor } from '../../db/tx';
import { AppError, ValidationError } from '../../lib/errors';
import type { StaffArgs, VerbArgs } from '../../lib/service';
import { itemSearchDoc } from '../items';
import { ensureQrCode, qrCodesFor } from '../qr';
import type { SearchService } from '../search';
import { createEntity, updateEntity, type EntityAdapter } from './engine';
import { viewOr404, type EditableKind } from './lifecycle';

export type ItemSnapshot = ServiceItemDraft;
const itemKeys = Object.keys(ServiceItemDraft.shape) as Array<keyof ItemSnapshot>;

type ItemRow = typeof serviceItems.$inferSelect;

export function itemSnapshot(row: ItemRow): ItemSnapshot {
  return Object.fromEntries(itemKeys.map((k) => [k, row[k]])) as ItemSnapshot;
}

async function departmentName(exec: Executor, id: number): Promise<string | null> {
  const row = await exec.select({ name: departments.name }).from(departments).where(eq(departments.id, id)).get();
  return row?.name ?? null;
}

/** Keeps the search index in step: published guides are indexed, drafts removed at once. Not a verb: it runs on the writing transaction. */
export async function reindexItem(tx: Executor, search: SearchService, id: number, record: ItemSnapshot, updatedAt: string): Promise<void> {
  if (record.status !== 'published') {
    await search.removeDoc(tx, 'item', id);
    return;
  }
  const dept = (await departmentName(tx, record.departmentId)) ?? '';
  await search.indexDoc(tx, itemSearchDoc({ ...record, id, updatedAt }, dept));
}

export const itemAdapter: EntityAdapter<ItemSnapshot> = {
  type: 'item',
  noun: '办事指南',
  labels: itemFieldLabels,

  async load(tx, id) {
    const row = await tx.select().from(serviceItems).where(eq(serviceItems.id, id)).get();
    return row ? { snapshot: itemSnapshot(row), version: row.version, updatedAt: row.updatedAt } : null;
  },

  async insert(tx, record, at) {
    const [row] = await tx
      .insert(serviceItems)
      .values({ ...record, version: 1, createdAt: at, updatedAt: at })
      .returning({ id: serviceItems.id });
    await ensureQrCode(tx, 'item', row!.id);
    return row!.id;
  },

  async update(tx, id, record, version, at) {
    await tx
      .update(serviceItems)
      .set({ ...record, version, updatedAt: at })
      .where(and(eq(serviceItems.id, id), eq(serviceItems.version, version - 1)));
  },

  async check(tx, record, id) {
    if ((await departmentName(tx, record.departmentId)) === null) {
      throw new ValidationError([{ field: 'body.departmentId', message: `实施部门不存在（id ${record.departmentId}）` }]);
    }
    const clash = await tx
      .select({ id: serviceItems.id, name: serviceItems.name })
      .from(serviceItems)
      .where(and(eq(serviceItems.code, record.code), id === null ? undefined : ne(serviceItems.id, id)))
      .get();
    if (clash) {
      throw new AppError('CONFLICT', 409, `事项编码 ${record.code} 已被“${clash.name}”使用`, { field: 'code', existingId: clash.id });
    }
  },

  publishProblems: (record) => itemPublishProblems(record),

  async afterChange(tx, search, id, record) {
    const row = await tx.select({ updatedAt: serviceItems.updatedAt }).from(serviceItems).where(eq(serviceItems.id, id)).get();
    await reindexItem(tx, search, id, record, row!.updatedAt);
  },

  async markReviewed(tx, id, at, editorId) {
    await tx.update(serviceItems).set({ reviewedAt: at, reviewedBy: editorId }).where(eq(serviceItems.id, id));
  },
};

/** A new guide: the editor's fields over an empty draft. */
export function newItemRecord(body: ItemCreateBody): ItemSnapshot {
  return { ...emptyItemDraft, ...stripUndefined(body), status: 'draft' } as ItemSnapshot;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The guide as the editor page shows it, draft or published (the read behind the verbs). */
async function editorItemView(db: Executor, id: number): Promise<EditorItem | null> {
  const row = await db
    .select({ item: serviceItems, reviewerName: staffUsers.displayName })
    .from(serviceItems)
    .leftJoin(staffUsers, eq(staffUsers.id, serviceItems.reviewedBy))
    .where(eq(serviceItems.id, id))
    .get();
  if (!row) return null;
  const { item } = row;
  const snapshot = itemSnapshot(item);
  const codes = await qrCodesFor(db, 'item', [id]);
  return {
    ...snapshot,
    id: item.id,
    version: item.version,
    reviewedAt: item.reviewedAt,
    reviewedBy: item.reviewedBy !== null ? { id: item.reviewedBy, name: row.reviewerName ?? '' } : null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    publishProblems: itemPublishProblems(snapshot),
    qrCode: codes.get(id) ?? '',
  };
}

/** Guides for publish / unpublish / review / history (lifecycle.ts). */
export const itemKind: EditableKind<ItemSnapshot, EditorItem> = { adapter: itemAdapter, view: editorItemView };

export async function getEditorItem({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<EditorItem> {
  return viewOr404(ctx.db, itemKind, id);
}

/** A new draft guide; returns it as the editor page shows it. */
export async function createEditorItem({ ctx, input }: StaffArgs<ItemCreateBody>): Promise<EditorItem> {
  const { id } = await createEntity({ ctx, input: { adapter: itemAdapter, record: newItemRecord(input) } });
  return viewOr404(ctx.db, itemKind, id);
}

export async function updateEditorItem({
  ctx,
  input: { id, baseVersion, changes },
}: StaffArgs<{ id: number; baseVersion: number | undefined; changes: Omit<ItemPatchBody, 'baseVersion'> }>): Promise<EditorItem> {
  await updateEntity({ ctx, input: { adapter: itemAdapter, id, patch: changes, baseVersion } });
  return viewOr404(ctx.db, itemKind, id);
}

export async function listEditorItems({ ctx: { db }, input: q }: VerbArgs<EditorListQuery>): Promise<EditorItemList> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(serviceItems.status, q.status));
  if (q.department) where.push(eq(serviceItems.departmentId, q.department));
  if (q.q) {
    // instr(): a plain substring, so % and _ typed by the editor mean themselves.
    where.push(or(sql`instr(${serviceItems.name}, ${q.q}) > 0`, sql`instr(${serviceItems.code}, ${q.q.toUpperCase()}) > 0`)!);
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, total] = await Promise.all([
    // Whole rows: the list says how many problems still stop each guide from being published.
    db
      .select()
      .from(serviceItems)
      .where(condition)
      .orderBy(asc(serviceItems.code))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(serviceItems).where(condition).get(),
  ]);
  const data = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    itemType: r.itemType,
    departmentId: r.departmentId,
    status: r.status,
    version: r.version,
    reviewedAt: r.reviewedAt,
    updatedAt: r.updatedAt,
    problemCount: itemPublishProblems(itemSnapshot(r)).length,
  }));
  return { data, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 };
}
