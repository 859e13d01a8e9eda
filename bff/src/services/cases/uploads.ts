import type { UploadResult } from '@zw/shared';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { FileStorage } from '../../lib/ports';
import { uploads } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import { AppError, NotFoundError } from '../../lib/errors';
import type { CitizenArgs, VerbArgs } from '../../lib/service';
import { enforceRateLimit } from '../rate-limit';
import { verifyPhotoLink } from './photos';
import { randomId } from './secrets';

/**
 * One photo per request (WeChat's wx.uploadFile sends one file). The photo is
 * checked by its content and re-encoded without metadata before it is stored;
 * it stays private to its uploader until attached to a case.
 */
export async function savePhoto({ ctx, input: { bytes } }: CitizenArgs<{ bytes: Uint8Array }>): Promise<UploadResult> {
  const { now, actor: citizen } = ctx;
  const deps = ctx;
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', 400, '照片是空的，请重新选择', { issues: [{ field: 'body.file', message: '文件为空' }] });
  if (bytes.length > deps.config.limits.uploadMaxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', 413, `照片不能超过 ${Math.round(deps.config.limits.uploadMaxBytes / 1024 / 1024)} MB`);
  }
  await enforceRateLimit(deps.db, `upload:citizen:${citizen.id}`, 30, 3_600_000, now, '上传太频繁了，请稍后再试');
  const image = await deps.images.normalise(bytes);
  const id = randomId(16);
  const storageKey = `photos/${id.slice(0, 2)}/${id}`;
  await deps.storage.put(storageKey, image.bytes, image.mime);
  await withTransaction(deps.db, (tx) =>
    tx.insert(uploads).values({
      id,
      citizenId: citizen.id,
      storageKey,
      mime: image.mime,
      size: image.bytes.length,
      width: image.width,
      height: image.height,
      createdAt: now.toISOString(),
    }),
  );
  return { id, width: image.width, height: image.height, size: image.bytes.length, mime: image.mime };
}

/** The bytes behind a signed photo link; anything else is the same 404. */
export async function readPhoto({
  ctx: deps,
  input: { id, exp, sig },
}: VerbArgs<{ id: string; exp: number; sig: string }>): Promise<{ bytes: Uint8Array; mime: string }> {
  const { now } = deps;
  if (!(await verifyPhotoLink(deps.config, id, exp, sig, now))) throw new NotFoundError('图片链接已失效，请刷新页面');
  const row = await deps.db.select().from(uploads).where(eq(uploads.id, id)).get();
  if (!row) throw new NotFoundError('图片不存在');
  const file = await deps.storage.get(row.storageKey);
  if (!file) throw new NotFoundError('图片不存在');
  return file;
}

/** How long a photo uploaded but never attached to a message is kept (PIPL Art. 19: no longer than needed). */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * 3600_000;

/**
 * Deletes photos uploaded more than a day ago and never attached to a message:
 * the rows first, in one statement that only takes rows still unattached (a
 * submission attaching one at the same moment either wins, and the photo stays,
 * or finds it gone and asks for it again), then their files.
 */
export async function purgeUnattachedUploads(deps: { db: Db; storage: FileStorage; now: Date }): Promise<number> {
  const cutoff = new Date(deps.now.getTime() - UNATTACHED_UPLOAD_TTL_MS).toISOString();
  const gone = await withTransaction(deps.db, (tx) =>
    tx
      .delete(uploads)
      .where(and(isNull(uploads.caseId), lt(uploads.createdAt, cutoff)))
      .returning({ storageKey: uploads.storageKey }),
  );
  for (const { storageKey } of gone) await deps.storage.delete(storageKey);
  return gone.length;
}
