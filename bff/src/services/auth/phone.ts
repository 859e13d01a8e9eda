import {
  SMS_CODE_LENGTH,
  SMS_CODE_MAX_TRIES,
  SMS_CODE_TTL_SECONDS,
  SMS_RESEND_SECONDS,
  type CitizenView,
  type SmsCodeSent,
  type TokenResponse,
} from '@zw/shared';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { cases, citizens, idempotencyKeys, ratings, smsCodes, uploads } from '../../db/schema';
import { withTransaction, type Executor } from '../../db/tx';
import { AppError } from '../../lib/errors';
import type { CitizenArgs, ServiceContext, VerbArgs } from '../../lib/service';
import { maskPhone, safeEqual } from '../cases/secrets';
import { hitRateLimit, RateLimitedError, type RateLimitHit } from '../rate-limit';
import { smsSenderFromConfig } from '../sms/tencent';
import { citizenForPhone, phoneHash } from './phone-identity';
import { issueToken } from './tokens';

/**
 * Sign-in by mobile phone and SMS code — the browser build's production login
 * (a citizen who scanned a printed QR code with the phone camera), and the way
 * a WeChat citizen proves a phone so that both are one person.
 *
 * - Codes: 6 digits from an unbiased draw, valid 5 minutes, single use, at most
 *   5 wrong entries; stored only as an HMAC bound to the phone. A new code
 *   makes every older one of that phone unusable.
 * - Sending is limited per phone (one a minute, a few an hour and a day) and
 *   per client address; checking is limited per client address too, so a
 *   guesser cannot spread tries over many phones.
 * - Every answer is the same whether or not the phone belongs to anyone.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const SMS_LIMITS = {
  perPhonePerHour: 5,
  perPhonePerDay: 10,
  perIpPerHour: 20,
  verifyPerIpPer15Min: 30,
} as const;

const invalidCode = () => new AppError('SMS_CODE_INVALID', 401, '验证码不正确或已失效，请重新获取');

/** n decimal digits, each uniformly distributed (rejection sampling: `% 10` alone favours low digits). */
export function randomCode(n: number = SMS_CODE_LENGTH): string {
  const limit = 4_294_967_290; // the largest multiple of 10 below 2^32
  let out = '';
  while (out.length < n) {
    for (const v of crypto.getRandomValues(new Uint32Array(n))) {
      if (v < limit && out.length < n) out += String(v % 10);
    }
  }
  return out;
}

type Deps = Pick<ServiceContext, 'db' | 'config' | 'now' | 'ip' | 'logger'>;

async function codeHash(deps: Pick<Deps, 'config'>, hash: string, code: string): Promise<string> {
  return deps.config.cipher.hmac(deps.config.contactKey, `zw:sms-code:v1:${hash}:${code}`);
}

function overLimit(hits: RateLimitHit[], message: string): void {
  const over = hits.filter((h) => !h.allowed);
  if (over.length > 0) throw new RateLimitedError(Math.max(...over.map((h) => h.retryAfterSeconds)), message);
}

/** POST /auth/sms/code: send a sign-in code to the phone. */
export async function requestSmsCode({ ctx, input: { phone } }: VerbArgs<{ phone: string }>): Promise<SmsCodeSent> {
  const { config, now } = ctx;
  const sender = smsSenderFromConfig(config.sms);
  const templateId = config.sms.templates.loginCode;
  if (!sender || !templateId) {
    ctx.logger.error({ event: 'sms_not_configured' }, 'SMS sign-in requested but SMS is not configured');
    throw new AppError('SMS_UNAVAILABLE', 503, '短信验证码暂未开通，请稍后再试，或在微信中打开');
  }
  const hash = await phoneHash(config, phone);
  const hits = await withTransaction(ctx.db, async (tx) => [
    await hitRateLimit(tx, `sms:ip:${ctx.ip}`, SMS_LIMITS.perIpPerHour, HOUR, now),
    await hitRateLimit(tx, `sms:resend:${hash}`, 1, SMS_RESEND_SECONDS * 1000, now),
    await hitRateLimit(tx, `sms:hour:${hash}`, SMS_LIMITS.perPhonePerHour, HOUR, now),
    await hitRateLimit(tx, `sms:day:${hash}`, SMS_LIMITS.perPhonePerDay, DAY, now),
  ]);
  if (hits.some((h) => !h.allowed)) ctx.logger.warn({ event: 'sms_code_limited' }, 'SMS code request rate-limited');
  overLimit(hits, '获取验证码太频繁了，请稍后再试');

  const code = randomCode();
  // Send first, store after: a code the phone never received must not be usable, and a stored
  // code is never half-sent. If the process dies in between, the citizen asks again in a minute.
  const sent = await sender.send({ phone, templateId, params: [code, String(SMS_CODE_TTL_SECONDS / 60)] });
  if (!sent.ok) {
    ctx.logger.error({ event: 'sms_code_failed', error: sent.error }, 'SMS provider refused the sign-in code');
    throw new AppError('SMS_UNAVAILABLE', 503, '短信暂时发不出去，请稍后再试');
  }
  const at = now.toISOString();
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(smsCodes)
      .set({ usedAt: at })
      .where(and(eq(smsCodes.phoneHash, hash), isNull(smsCodes.usedAt)));
    await tx.insert(smsCodes).values({
      phoneHash: hash,
      codeHash: await codeHash(ctx, hash, code),
      createdAt: at,
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000).toISOString(),
      attempts: 0,
    });
  });
  ctx.logger.info({ event: 'sms_code_sent' }, 'SMS sign-in code sent');
  return { resendAfterSeconds: SMS_RESEND_SECONDS, expiresInSeconds: SMS_CODE_TTL_SECONDS };
}

/**
 * Checks `code` against the phone's live code inside `tx`: true once it
 * matches (the code is used up), false otherwise (the try is counted; the
 * fifth wrong try kills the code). The caller commits either way.
 */
async function consumeCode(tx: Executor, deps: Pick<Deps, 'config' | 'now'>, hash: string, code: string): Promise<boolean> {
  const at = deps.now.toISOString();
  const row = await tx
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phoneHash, hash), isNull(smsCodes.usedAt)))
    .orderBy(desc(smsCodes.id))
    .limit(1)
    .get();
  if (!row || row.expiresAt <= at || row.attempts >= SMS_CODE_MAX_TRIES) return false;
  if (safeEqual(await codeHash(deps, hash, code), row.codeHash)) {
    const used = await tx
      .update(smsCodes)
      .set({ usedAt: at })
      .where(and(eq(smsCodes.id, row.id), isNull(smsCodes.usedAt)))
      .returning({ id: smsCodes.id });
    return used.length === 1;
  }
  const attempts = row.attempts + 1;
  await tx
    .update(smsCodes)
    .set({ attempts, usedAt: attempts >= SMS_CODE_MAX_TRIES ? at : null })
    .where(eq(smsCodes.id, row.id));
  return false;
}

async function limitVerify(ctx: Deps): Promise<void> {
  const hit = await hitRateLimit(ctx.db, `sms:verify:ip:${ctx.ip}`, SMS_LIMITS.verifyPerIpPer15Min, 15 * MINUTE, ctx.now);
  if (!hit.allowed) ctx.logger.warn({ event: 'sms_verify_limited' }, 'SMS code checks rate-limited');
  overLimit([hit], '验证码尝试次数过多，请稍后再试');
}

/** POST /auth/sms/login: phone + code → a citizen token (the citizen is created on first sign-in). */
export async function smsLogin({ ctx, input: { phone, code } }: VerbArgs<{ phone: string; code: string }>): Promise<TokenResponse> {
  await limitVerify(ctx);
  const hash = await phoneHash(ctx.config, phone);
  const at = ctx.now.toISOString();
  const citizen = await withTransaction(ctx.db, async (tx) => {
    if (!(await consumeCode(tx, ctx, hash, code))) return null;
    const c = await citizenForPhone(tx, ctx.config, phone, ctx.now);
    await tx.update(citizens).set({ lastLoginAt: at, phoneVerifiedAt: at }).where(eq(citizens.id, c.id));
    return c;
  });
  if (!citizen) {
    ctx.logger.warn({ event: 'sms_login_failed' }, 'SMS sign-in refused');
    throw invalidCode();
  }
  ctx.logger.info({ event: 'citizen_login', citizenId: citizen.id, via: 'sms' }, 'citizen signed in by SMS code');
  const issued = await issueToken(ctx.config, ctx.now, { kind: 'citizen', id: citizen.id });
  return { ...issued, user: { kind: 'citizen', id: citizen.id, phoneMasked: maskPhone(phone) } };
}

/**
 * POST /auth/phone/verify: a signed-in citizen (in WeChat) proves a phone. If
 * a phone-only citizen (a browser sign-in) already holds it, that is the same
 * person: their cases, ratings, uploads and submission keys move to the
 * caller, in one transaction. A phone held by another WeChat identity is
 * refused (PHONE_TAKEN): the code proves the phone, not the other account.
 */
export async function verifyPhone({ ctx, input: { phone, code } }: CitizenArgs<{ phone: string; code: string }>): Promise<CitizenView> {
  await limitVerify(ctx);
  const me = ctx.actor.id;
  const hash = await phoneHash(ctx.config, phone);
  const at = ctx.now.toISOString();
  const outcome = await withTransaction(ctx.db, async (tx) => {
    if (!(await consumeCode(tx, ctx, hash, code))) return 'invalid' as const;
    const holder = await tx.select({ id: citizens.id, openid: citizens.openid }).from(citizens).where(eq(citizens.phoneHash, hash)).get();
    if (holder && holder.id !== me) {
      if (holder.openid !== null) return 'taken' as const;
      // The same person: move what the browser identity holds. A window rating the caller already
      // gave the same day stays behind (一次一评), so nothing is lost and nothing is counted twice.
      await tx.update(cases).set({ citizenId: me }).where(eq(cases.citizenId, holder.id));
      await tx.update(uploads).set({ citizenId: me }).where(eq(uploads.citizenId, holder.id));
      await tx.run(sql`UPDATE OR IGNORE ${ratings} SET citizen_id = ${me} WHERE citizen_id = ${holder.id}`);
      await tx.run(sql`UPDATE OR IGNORE ${idempotencyKeys} SET citizen_id = ${me} WHERE citizen_id = ${holder.id}`);
      await tx
        .update(citizens)
        .set({ phoneHash: null, phoneEnc: null, phoneMasked: null, phoneVerifiedAt: null })
        .where(eq(citizens.id, holder.id));
    }
    await tx
      .update(citizens)
      .set({
        phoneHash: hash,
        phoneEnc: await ctx.config.cipher.encrypt(ctx.config.contactKey, phone),
        phoneMasked: maskPhone(phone),
        phoneVerifiedAt: at,
      })
      .where(eq(citizens.id, me));
    return holder && holder.id !== me ? ('merged' as const) : ('verified' as const);
  });
  if (outcome === 'invalid') throw invalidCode();
  if (outcome === 'taken') throw new AppError('PHONE_TAKEN', 409, '这个手机号已绑定其他微信账号');
  ctx.logger.info({ event: 'citizen_phone_verified', citizenId: me, merged: outcome === 'merged' }, 'citizen verified a phone');
  return { kind: 'citizen', id: me, phoneMasked: maskPhone(phone) };
}
