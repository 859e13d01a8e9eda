import { qrTargetPath, type QrResolution, type QrTargetType } from '@zw/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { halls, qrCodes, serviceItems, serviceWindows } from '../db/schema';
import type { Executor } from '../db/tx';
import { NotFoundError } from '../lib/errors';
import type { VerbArgs } from '../lib/service';

// No 0/o, 1/l/i: codes are sometimes typed by hand from a printed sticker.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

function randomCode(length = 6): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** The target's code, created on first use. Stable: an existing code is never replaced. */
export async function ensureQrCode(exec: Executor, type: QrTargetType, id: number): Promise<string> {
  const existing = await exec
    .select({ code: qrCodes.code })
    .from(qrCodes)
    .where(and(eq(qrCodes.targetType, type), eq(qrCodes.targetId, id)))
    .get();
  if (existing) return existing.code;
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = randomCode();
    const inserted = await exec
      .insert(qrCodes)
      .values({ code, targetType: type, targetId: id })
      .onConflictDoNothing()
      .returning({ code: qrCodes.code });
    if (inserted.length) return code;
  }
  throw new Error('could not allocate a unique QR code');
}

export async function qrCodesFor(exec: Executor, type: QrTargetType, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await exec
    .select({ code: qrCodes.code, id: qrCodes.targetId })
    .from(qrCodes)
    .where(and(eq(qrCodes.targetType, type), inArray(qrCodes.targetId, ids)));
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function resolveQr({ ctx: { db }, input: { code } }: VerbArgs<{ code: string }>): Promise<QrResolution> {
  const row = await db.select().from(qrCodes).where(eq(qrCodes.code, code)).get();
  if (!row) throw new NotFoundError('没有找到这个二维码对应的内容，请核对编号或咨询窗口工作人员');
  const title = await targetTitle(db, row.targetType, row.targetId);
  // A code whose target was removed or unpublished reveals nothing about it.
  if (title === null) throw new NotFoundError('这个二维码对应的内容已下线，请咨询窗口工作人员');
  return { code: row.code, type: row.targetType, id: row.targetId, title, path: qrTargetPath(row.targetType, row.targetId) };
}

async function targetTitle(db: Db, type: QrTargetType, id: number): Promise<string | null> {
  if (type === 'item') {
    const item = await db
      .select({ name: serviceItems.name })
      .from(serviceItems)
      .where(and(eq(serviceItems.id, id), eq(serviceItems.status, 'published')))
      .get();
    return item?.name ?? null;
  }
  if (type === 'hall') {
    const hall = await db
      .select({ name: halls.name })
      .from(halls)
      .where(and(eq(halls.id, id), eq(halls.status, 'published')))
      .get();
    return hall?.name ?? null;
  }
  const w = await db
    .select({ number: serviceWindows.number, name: serviceWindows.name, hall: halls.name })
    .from(serviceWindows)
    .innerJoin(halls, eq(halls.id, serviceWindows.hallId))
    .where(and(eq(serviceWindows.id, id), eq(serviceWindows.status, 'published'), eq(halls.status, 'published')))
    .get();
  return w ? `${w.hall} ${w.number} ${w.name}` : null;
}
