import {
  hallFieldLabels,
  HallInput,
  windowFieldLabels,
  type ContentStatus,
  type EditorHall,
  type EditorWindow,
  type HallPatchBody,
  type WindowCreateBody,
  type WindowInput,
  type WindowPatchBody,
} from '@zw/shared';
import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { departments, halls, serviceItems, serviceWindows, windowItems } from '../../db/schema';
import type { Executor } from '../../db/tx';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors';
import type { StaffArgs, VerbArgs } from '../../lib/service';
import { ensureQrCode, qrCodesFor } from '../qr';
import { createEntity, uniqueIds, updateEntity, type EntityAdapter } from './engine';
import { viewOr404, type EditableKind } from './lifecycle';

/*
 * Halls and windows are small and always complete (their whole input is
 * validated on create), so publishing has nothing more to check. A new one
 * starts as a draft so a hall can be set up window by window before citizens
 * see it; unpublishing a hall hides its windows with it.
 */

export type HallSnapshot = HallInput & { status: ContentStatus };
export type WindowSnapshot = WindowInput & { status: ContentStatus };

const hallKeys = [...(Object.keys(HallInput.shape) as Array<keyof HallInput>), 'status'] as const;
type HallRow = typeof halls.$inferSelect;
type WindowRow = typeof serviceWindows.$inferSelect;

function hallSnapshot(row: HallRow): HallSnapshot {
  return Object.fromEntries(hallKeys.map((k) => [k, row[k]])) as HallSnapshot;
}

async function windowSnapshot(exec: Executor, row: WindowRow): Promise<WindowSnapshot> {
  const links = await exec
    .select({ itemId: windowItems.itemId })
    .from(windowItems)
    .where(eq(windowItems.windowId, row.id))
    .orderBy(asc(windowItems.itemId));
  return {
    hallId: row.hallId,
    number: row.number,
    name: row.name,
    departmentId: row.departmentId,
    description: row.description,
    itemIds: links.map((l) => l.itemId),
    status: row.status,
  };
}

export const hallAdapter: EntityAdapter<HallSnapshot> = {
  type: 'hall',
  noun: '服务大厅',
  labels: { ...hallFieldLabels, status: '状态' },
  async load(tx, id) {
    const row = await tx.select().from(halls).where(eq(halls.id, id)).get();
    return row ? { snapshot: hallSnapshot(row), version: row.version, updatedAt: row.updatedAt } : null;
  },
  async insert(tx, record, at) {
    const [row] = await tx
      .insert(halls)
      .values({ ...record, version: 1, createdAt: at, updatedAt: at })
      .returning({ id: halls.id });
    await ensureQrCode(tx, 'hall', row!.id);
    return row!.id;
  },
  async update(tx, id, record, version, at) {
    await tx
      .update(halls)
      .set({ ...record, version, updatedAt: at })
      .where(and(eq(halls.id, id), eq(halls.version, version - 1)));
  },
  async check(tx, record, id) {
    const clash = await tx
      .select({ id: halls.id })
      .from(halls)
      .where(and(eq(halls.name, record.name), id === null ? undefined : ne(halls.id, id)))
      .get();
    if (clash) throw new AppError('CONFLICT', 409, `已有名为“${record.name}”的服务大厅`, { field: 'name', existingId: clash.id });
  },
  publishProblems: () => [],
};

export const windowAdapter: EntityAdapter<WindowSnapshot> = {
  type: 'window',
  noun: '窗口',
  labels: { ...windowFieldLabels, status: '状态' },
  normalize: (record) => ({ ...record, itemIds: uniqueIds(record.itemIds) }),
  async load(tx, id) {
    const row = await tx.select().from(serviceWindows).where(eq(serviceWindows.id, id)).get();
    return row ? { snapshot: await windowSnapshot(tx, row), version: row.version, updatedAt: row.updatedAt } : null;
  },
  async insert(tx, record, at) {
    const { itemIds, ...fields } = record;
    const [row] = await tx
      .insert(serviceWindows)
      .values({ ...fields, version: 1, createdAt: at, updatedAt: at })
      .returning({ id: serviceWindows.id });
    if (itemIds.length) await tx.insert(windowItems).values(itemIds.map((itemId) => ({ windowId: row!.id, itemId })));
    await ensureQrCode(tx, 'window', row!.id);
    return row!.id;
  },
  async update(tx, id, record, version, at) {
    const { itemIds, ...fields } = record;
    await tx
      .update(serviceWindows)
      .set({ ...fields, version, updatedAt: at })
      .where(and(eq(serviceWindows.id, id), eq(serviceWindows.version, version - 1)));
    await tx.delete(windowItems).where(eq(windowItems.windowId, id));
    if (itemIds.length) await tx.insert(windowItems).values(itemIds.map((itemId) => ({ windowId: id, itemId })));
  },
  async check(tx, record, id) {
    const issues = [];
    if (record.departmentId !== null) {
      const dept = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, record.departmentId)).get();
      if (!dept) issues.push({ field: 'body.departmentId', message: `部门不存在（id ${record.departmentId}）` });
    }
    if (record.itemIds.length) {
      const found = new Set(
        (await tx.select({ id: serviceItems.id }).from(serviceItems).where(inArray(serviceItems.id, record.itemIds))).map((r) => r.id),
      );
      const missing = record.itemIds.filter((i) => !found.has(i));
      if (missing.length) issues.push({ field: 'body.itemIds', message: `事项不存在：${missing.join('、')}` });
    }
    if (issues.length) throw new ValidationError(issues);
    const clash = await tx
      .select({ id: serviceWindows.id })
      .from(serviceWindows)
      .where(
        and(
          eq(serviceWindows.hallId, record.hallId),
          eq(serviceWindows.number, record.number),
          id === null ? undefined : ne(serviceWindows.id, id),
        ),
      )
      .get();
    if (clash) throw new AppError('CONFLICT', 409, `这个大厅已有 ${record.number} 号窗口`, { field: 'number', existingId: clash.id });
  },
  publishProblems: () => [],
};

async function hallExists(db: Executor, id: number): Promise<boolean> {
  return Boolean(await db.select({ id: halls.id }).from(halls).where(eq(halls.id, id)).get());
}

async function editorWindowView(db: Executor, id: number): Promise<EditorWindow | null> {
  const row = await db.select().from(serviceWindows).where(eq(serviceWindows.id, id)).get();
  if (!row) return null;
  const codes = await qrCodesFor(db, 'window', [id]);
  const { status, ...snap } = await windowSnapshot(db, row);
  return {
    ...snap,
    status,
    id: row.id,
    version: row.version,
    qrCode: codes.get(id) ?? '',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function editorHallView(db: Executor, id: number): Promise<EditorHall | null> {
  const row = await db.select().from(halls).where(eq(halls.id, id)).get();
  if (!row) return null;
  const windowRows = await db.select().from(serviceWindows).where(eq(serviceWindows.hallId, id)).orderBy(asc(serviceWindows.number));
  const [hallCodes, windowCodes] = await Promise.all([
    qrCodesFor(db, 'hall', [id]),
    qrCodesFor(
      db,
      'window',
      windowRows.map((w) => w.id),
    ),
  ]);
  const windows: EditorWindow[] = [];
  for (const w of windowRows) {
    windows.push({
      ...(await windowSnapshot(db, w)),
      id: w.id,
      version: w.version,
      qrCode: windowCodes.get(w.id) ?? '',
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
    });
  }
  return {
    ...hallSnapshot(row),
    id: row.id,
    version: row.version,
    qrCode: hallCodes.get(id) ?? '',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    windows,
  };
}

/** Halls and windows for publish / unpublish / history (lifecycle.ts). */
export const hallKind: EditableKind<HallSnapshot, EditorHall> = { adapter: hallAdapter, view: editorHallView };
export const windowKind: EditableKind<WindowSnapshot, EditorWindow> = { adapter: windowAdapter, view: editorWindowView };

export async function getEditorHall({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<EditorHall> {
  return viewOr404(ctx.db, hallKind, id);
}

export async function getEditorWindow({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<EditorWindow> {
  return viewOr404(ctx.db, windowKind, id);
}

/** A new hall, as a draft. */
export async function createEditorHall({ ctx, input }: StaffArgs<HallInput>): Promise<EditorHall> {
  const { id } = await createEntity({ ctx, input: { adapter: hallAdapter, record: { ...input, status: 'draft' } } });
  return viewOr404(ctx.db, hallKind, id);
}

export async function updateEditorHall({
  ctx,
  input: { id, baseVersion, changes },
}: StaffArgs<{ id: number; baseVersion: number | undefined; changes: Omit<HallPatchBody, 'baseVersion'> }>): Promise<EditorHall> {
  await updateEntity({ ctx, input: { adapter: hallAdapter, id, patch: changes, baseVersion } });
  return viewOr404(ctx.db, hallKind, id);
}

/** A new window of a hall, as a draft (404 when the hall does not exist). */
export async function createEditorWindow({
  ctx,
  input: { hallId, body },
}: StaffArgs<{ hallId: number; body: WindowCreateBody }>): Promise<EditorWindow> {
  if (!(await hallExists(ctx.db, hallId))) throw new NotFoundError('没有找到这个服务大厅');
  const { id } = await createEntity({ ctx, input: { adapter: windowAdapter, record: { ...body, hallId, status: 'draft' } } });
  return viewOr404(ctx.db, windowKind, id);
}

export async function updateEditorWindow({
  ctx,
  input: { id, baseVersion, changes },
}: StaffArgs<{ id: number; baseVersion: number | undefined; changes: Omit<WindowPatchBody, 'baseVersion'> }>): Promise<EditorWindow> {
  await updateEntity({ ctx, input: { adapter: windowAdapter, id, patch: changes, baseVersion } });
  return viewOr404(ctx.db, windowKind, id);
}

export async function listEditorHalls({ ctx: { db } }: VerbArgs) {
  const rows = await db
    .select({ hall: halls, windowCount: count(serviceWindows.id) })
    .from(halls)
    .leftJoin(serviceWindows, eq(serviceWindows.hallId, halls.id))
    .groupBy(halls.id)
    .orderBy(asc(halls.id));
  const codes = await qrCodesFor(
    db,
    'hall',
    rows.map((r) => r.hall.id),
  );
  return rows.map(({ hall, windowCount }) => ({
    ...hallSnapshot(hall),
    id: hall.id,
    version: hall.version,
    qrCode: codes.get(hall.id) ?? '',
    createdAt: hall.createdAt,
    updatedAt: hall.updatedAt,
    windowCount,
  }));
}
