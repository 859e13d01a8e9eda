import { z } from 'zod';
import { AppError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { AppConfig } from '../../lib/ports';
import { RateLimitedError } from '../rate-limit';

/** The only part of a WeChat session the BFF keeps: who it is. session_key is dropped on arrival. */
export type WechatIdentity = { openid: string };

export type WechatDeps = { config: AppConfig; logger: Logger; requestId?: string };

const TIMEOUT_MS = 5_000;

// WeChat answers 200 with either shape; a success may also carry `errcode: 0`.
const Session = z.object({ openid: z.string().min(1).max(128), session_key: z.string().min(1) });
const Failure = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/** 503: WeChat could not answer, or the BFF is not set up to ask it. Not in ErrorCode yet. */
export class WechatUnavailableError extends AppError {
  constructor(message = '微信登录暂时不可用，请稍后再试') {
    super('UNAVAILABLE', 503, message);
  }
}

/**
 * code2Session: exchanges the one-time code from `wx.login()` for the openid.
 *
 * GET {apiBase}/sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code
 *
 * The AppSecret travels only in this request's query string, so neither the URL
 * nor any error that could contain it is logged or rethrown; the session_key in
 * the answer is validated and then dropped (nothing in this product needs to
 * decrypt WeChat data). WeChat's refusals become errors a citizen can act on.
 */
export async function code2Session(deps: WechatDeps, code: string): Promise<WechatIdentity> {
  const { apiBase, appId, appSecret } = deps.config.wechat;
  const log = (level: 'warn' | 'error', detail: object, msg: string) =>
    deps.logger[level]({ requestId: deps.requestId, wechat: 'code2Session', ...detail }, msg);

  if (!appId || !appSecret) {
    log('error', {}, 'WeChat login is not configured (WX_APPID / WX_SECRET)');
    throw new WechatUnavailableError('微信登录尚未开通，请稍后再试');
  }

  const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
  let body: unknown;
  try {
    const res = await fetch(`${apiBase}/sns/jscode2session?${query}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) {
      log('error', { httpStatus: res.status }, 'WeChat answered with an HTTP error');
      throw new WechatUnavailableError();
    }
    body = await res.json();
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Only the error's name: a message or cause could quote the request URL, and with it the secret.
    log('error', { failure: err instanceof Error ? err.name : 'unknown' }, 'WeChat could not be reached');
    throw new WechatUnavailableError();
  }

  const failure = Failure.safeParse(body);
  if (failure.success && failure.data.errcode !== 0) throw wechatError(failure.data.errcode, log);

  const session = Session.safeParse(body);
  if (!session.success) {
    log('error', { failure: 'unexpected answer' }, 'WeChat answered without an openid');
    throw new WechatUnavailableError();
  }
  return { openid: session.data.openid };
}

function wechatError(errcode: number, log: (level: 'warn' | 'error', detail: object, msg: string) => void): AppError {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code been used
      log('warn', { errcode }, 'WeChat refused the login code');
      return new AppError('UNAUTHENTICATED', 401, '微信登录凭证无效或已过期，请重新进入小程序再试', { wechat: 'invalid_code' });
    case 45011: // API minute-quota reached (per user)
      log('warn', { errcode }, 'WeChat rate limit');
      return new RateLimitedError(60, '登录太频繁了，请一分钟后再试');
    case 40226: // high-risk user
      log('warn', { errcode }, 'WeChat refused a high-risk user');
      return new AppError('FORBIDDEN', 403, '该微信账号存在安全风险，暂时无法登录。请在微信中完成安全验证后再试', { wechat: 'risky_user' });
    case -1: // system busy
      log('warn', { errcode }, 'WeChat is busy');
      return new WechatUnavailableError('微信服务繁忙，请稍后再试');
    default:
      // 40013 invalid appid, 40125 invalid secret, …: our configuration, not the citizen's fault.
      log('error', { errcode }, 'WeChat refused code2Session');
      return new WechatUnavailableError();
  }
}
