import type { Hall, HallDetail, ServiceWindow, WindowDetail } from '@zw/shared';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments, halls, serviceWindows, windowItems } from '../db/schema';
import { NotFoundError } from '../lib/errors';
import type { VerbArgs } from '../lib/service';
import { itemSummaries } from './items';
import { qrCodesFor } from './qr';

const hallColumns = {
  id: halls.id,
  name: halls.name,
  address: halls.address,
  phone: halls.phone,
  hours: halls.hours,
  description: halls.description,
  directions: halls.directions,
  updatedAt: halls.updatedAt,
  windowCount: count(serviceWindows.id),
};

/*
 * Citizens see published halls and published windows of published halls only;
 * drafts answer 404 like ids that never existed (editors read them through
 * services/editor/halls.ts).
 */
/** A window citizens may see, rate and write about: published, in a published hall. */
export const isPublicWindow = and(
  eq(serviceWindows.status, 'published'),
  sql`exists (select 1 from ${halls} where ${halls.id} = ${serviceWindows.hallId} and ${halls.status} = 'published')`,
);

const publishedWindowJoin = and(eq(serviceWindows.hallId, halls.id), eq(serviceWindows.status, 'published'));

export async function listHalls({ ctx: { db } }: VerbArgs): Promise<{ data: Hall[] }> {
  const rows = await db
    .select(hallColumns)
    .from(halls)
    .leftJoin(serviceWindows, publishedWindowJoin)
    .where(eq(halls.status, 'published'))
    .groupBy(halls.id)
    .orderBy(asc(halls.id));
  const codes = await qrCodesFor(
    db,
    'hall',
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => ({ ...r, qrCode: codes.get(r.id) ?? '' })) };
}

async function hallById(db: Db, id: number): Promise<Hall> {
  const row = await db
    .select(hallColumns)
    .from(halls)
    .leftJoin(serviceWindows, publishedWindowJoin)
    .where(and(eq(halls.id, id), eq(halls.status, 'published')))
    .groupBy(halls.id)
    .get();
  if (!row) throw new NotFoundError('没有找到这个服务大厅');
  const codes = await qrCodesFor(db, 'hall', [id]);
  return { ...row, qrCode: codes.get(id) ?? '' };
}

const windowColumns = {
  id: serviceWindows.id,
  hallId: serviceWindows.hallId,
  number: serviceWindows.number,
  name: serviceWindows.name,
  description: serviceWindows.description,
  departmentId: departments.id,
  departmentName: departments.name,
};

function selectWindows(db: Db) {
  return db.select(windowColumns).from(serviceWindows).leftJoin(departments, eq(departments.id, serviceWindows.departmentId));
}
type WindowRow = Awaited<ReturnType<typeof selectWindows>>[number];

function toWindow(r: WindowRow, code: string | undefined): ServiceWindow {
  const { departmentId, departmentName, ...rest } = r;
  return {
    ...rest,
    department: departmentId !== null && departmentName !== null ? { id: departmentId, name: departmentName } : null,
    qrCode: code ?? '',
  };
}

export async function getHall({ ctx: { db }, input: { id } }: VerbArgs<{ id: number }>): Promise<HallDetail> {
  const hall = await hallById(db, id);
  const rows = await selectWindows(db)
    .where(and(eq(serviceWindows.hallId, id), eq(serviceWindows.status, 'published')))
    .orderBy(asc(serviceWindows.number));
  const codes = await qrCodesFor(
    db,
    'window',
    rows.map((r) => r.id),
  );
  return { ...hall, windows: rows.map((r) => toWindow(r, codes.get(r.id))) };
}

export async function getWindow({ ctx: { db }, input: { id } }: VerbArgs<{ id: number }>): Promise<WindowDetail> {
  const row = await selectWindows(db)
    .where(and(eq(serviceWindows.id, id), eq(serviceWindows.status, 'published')))
    .get();
  if (!row) throw new NotFoundError('没有找到这个窗口');
  // A window of an unpublished hall is not public either (hallById answers 404 then).
  const [hall, links, codes] = await Promise.all([
    hallById(db, row.hallId),
    db.select({ itemId: windowItems.itemId }).from(windowItems).where(eq(windowItems.windowId, id)),
    qrCodesFor(db, 'window', [id]),
  ]);
  return {
    ...toWindow(row, codes.get(id)),
    hall,
    items: await itemSummaries(
      db,
      links.map((l) => l.itemId),
    ),
  };
}
