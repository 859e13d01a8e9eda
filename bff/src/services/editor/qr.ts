import { pagePaths, qrScene, qrTargetPath, qrUrl, type QrInfo, type QrTargetType } from '@zw/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { halls, serviceItems, serviceWindows } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import { NotFoundError } from '../../lib/errors';
import type { VerbArgs } from '../../lib/service';
import { ensureQrCode, qrCodesFor } from '../qr';
import { getWxacode, wxacodeConfigured } from '../qr-wechat';

type Target = { type: QrTargetType; id: number };
/** An image for the route to send as it is, with the file name it is offered under. */
export type QrImage = { bytes: Uint8Array | string; mime: string; filename: string };

/** What a printed code for a hall, window or item encodes; drafts included (editors print before publishing). */
export async function qrInfo({ ctx: { db, config }, input: { type, id } }: VerbArgs<Target>): Promise<QrInfo> {
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

/** The code as a PNG of `size` pixels a side. */
export async function qrPng({ ctx, input: { type, id, size } }: VerbArgs<Target & { size: number }>): Promise<QrImage> {
  const target = await qrInfo({ ctx, input: { type, id } });
  const bytes = await ctx.qr.png(target.url, { width: size });
  return { bytes, mime: 'image/png', filename: `qr-${type}-${id}-${target.code}.png` };
}

/** The code as SVG (vector, for print). */
export async function qrSvg({ ctx, input: { type, id } }: VerbArgs<Target>): Promise<QrImage> {
  const target = await qrInfo({ ctx, input: { type, id } });
  return { bytes: await ctx.qr.svg(target.url), mime: 'image/svg+xml; charset=utf-8', filename: `qr-${type}-${id}-${target.code}.svg` };
}

/** The mini-program code (WeChat) opening the QR landing page with the target's scene. */
export async function qrWxacode({ ctx, input: { type, id, width } }: VerbArgs<Target & { width: number }>): Promise<QrImage> {
  const target = await qrInfo({ ctx, input: { type, id } });
  const { bytes, mime } = await getWxacode({ ctx, input: { scene: target.scene, page: pagePaths.qr, width } });
  const ext = mime === 'image/png' ? 'png' : 'jpg';
  return { bytes, mime, filename: `wxacode-${type}-${id}-${target.code}.${ext}` };
}
