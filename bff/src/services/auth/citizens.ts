import type { TokenResponse } from '@zw/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { citizens } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import type { Citizen } from '../../lib/context';
import type { ServiceContext, VerbArgs } from '../../lib/service';
import { issueToken } from './tokens';
import { code2Session } from './wechat';

/** Citizens log in with `wx.login()`'s code; the first login creates the citizen (openid only). */
export async function citizenWxLogin({ ctx, input: { code } }: VerbArgs<{ code: string }>): Promise<TokenResponse> {
  const { openid } = await code2Session(ctx, code);
  return loginByOpenid(ctx, openid);
}

/**
 * Development login (H5 preview, tests): a name stands in for WeChat. The
 * `dev:` prefix keeps these citizens apart from real openids. The route refuses
 * it unless DEV_LOGIN is set and the service is not in production.
 */
export async function citizenDevLogin({ ctx, input: { name } }: VerbArgs<{ name: string }>): Promise<TokenResponse> {
  return loginByOpenid(ctx, `dev:${name}`);
}

async function loginByOpenid(ctx: Pick<ServiceContext, 'db' | 'config' | 'now'>, openid: string): Promise<TokenResponse> {
  const { now } = ctx;
  const at = now.toISOString();
  const row = await withTransaction(ctx.db, (tx) =>
    tx
      .insert(citizens)
      .values({ openid, createdAt: at, lastLoginAt: at })
      .onConflictDoUpdate({ target: citizens.openid, set: { lastLoginAt: at } })
      .returning({ id: citizens.id })
      .get(),
  );
  if (!row) throw new Error('citizen upsert returned no row');
  const issued = await issueToken(ctx.config, now, { kind: 'citizen', id: row.id });
  return { ...issued, user: { kind: 'citizen', id: row.id } };
}

/** The citizen behind a token id, or null when the row is gone. */
export async function loadCitizen(db: Db, id: number): Promise<Citizen | null> {
  const row = await db.select({ id: citizens.id, openid: citizens.openid }).from(citizens).where(eq(citizens.id, id)).get();
  return row ? { kind: 'citizen', id: row.id, openid: row.openid } : null;
}
