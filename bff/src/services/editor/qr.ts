import { qrScene, qrTargetPath, qrUrl, type QrInfo, type QrTargetType } from '@zw/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { halls, serviceItems, serviceWindows } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import { NotFoundError } from '../../lib/errors';
import type { AppConfig } from '../../lib/ports';
import { ensureQrCode, qrCodesFor } from '../qr';
import { wxacodeConfigured } from '../qr-wechat';

/** What a printed code for a hall, window or item encodes; drafts included (editors print before publishing). */
export async function qrInfo(db: Db, config: AppConfig, type: QrTargetType, id: number): Promise<QrInfo> {
  const title = await targetTitle(db, type, id);
  if (title === null)
    throw new NotFoundError(type === 'item' ? '没有找到这个事项' : type === 'hall' ? '没有找到这个服务大厅' : '没有找到这个窗口');
  // Every target gets its code on creation; one made before codes existed gets it now.
  const code = (await qrCodesFor(db, type, [id])).get(id) ?? (await withTransaction(db, (tx) => ensureQrCode(tx, type, id)));
  return {
    type,
    id,
    code,
    title,
    url: qrUrl(config.publicBaseUrl, code),
    path: qrTargetPath(type, id),
    scene: qrScene(code),
    wxacodeAvailable: wxacodeConfigured(config),
  };
}

async function targetTitle(db: Db, type: QrTargetType, id: number): Promise<string | null> {
  if (type === 'item') {
    const row = await db.select({ name: serviceItems.name }).from(serviceItems).where(eq(serviceItems.id, id)).get();
    return row?.name ?? null;
  }
  if (type === 'hall') {
    const row = await db.select({ name: halls.name }).from(halls).where(eq(halls.id, id)).get();
    return row?.name ?? null;
  }
  const row = await db
    .select({ number: serviceWindows.number, name: serviceWindows.name, hall: halls.name })
    .from(serviceWindows)
    .innerJoin(halls, eq(halls.id, serviceWindows.hallId))
    .where(eq(serviceWindows.id, id))
    .get();
  return row ? `${row.hall} ${row.number} ${row.name}` : null;
}
