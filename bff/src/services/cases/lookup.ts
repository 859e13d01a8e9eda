import type { CitizenCase, LookupBody } from '@zw/shared';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { cases } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import type { VerbArgs } from '../../lib/service';
import { enforceRateLimit } from '../rate-limit';
import { queryCodeHash } from './submit';
import { safeEqual } from './secrets';
import { citizenView } from './views';

const WINDOW_MS = 15 * 60_000;
const TOO_OFTEN = '查询太频繁了，请 15 分钟后再试';

/**
 * A case by tracking number and query code, read-only: acting on a case needs
 * the identity that submitted it. Query codes are given to anonymous messages
 * and to messages staff recorded at the counter or on the phone (帮办代办);
 * a case without one stores '-', which no code's HMAC equals. A 6-digit code
 * is guessable only by brute force, so tries are limited per address and per
 * case (429 with Retry-After); a wrong code, a case without a code and a
 * missing number are the same 404.
 */
export async function lookupCase({ ctx, input: { trackingNo, queryCode } }: VerbArgs<z.infer<typeof LookupBody>>): Promise<CitizenCase> {
  await enforceRateLimit(ctx.db, `lookup:ip:${ctx.ip}`, 30, WINDOW_MS, ctx.now, TOO_OFTEN);
  await enforceRateLimit(ctx.db, `lookup:case:${trackingNo}`, 10, WINDOW_MS, ctx.now, TOO_OFTEN);
  const row = await ctx.db.select().from(cases).where(eq(cases.trackingNo, trackingNo)).get();
  const fail = new NotFoundError('受理编号或查询码不正确');
  if (!row || row.queryCodeHash === '-') throw fail;
  if (!safeEqual(await queryCodeHash(ctx.config, trackingNo, queryCode), row.queryCodeHash)) throw fail;
  const view = await citizenView(ctx, row);
  return { ...view, availableActions: [] };
}
