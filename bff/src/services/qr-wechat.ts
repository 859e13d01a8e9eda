import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { AppConfig } from '../lib/ports';
import type { VerbArgs } from '../lib/service';
import { RateLimitedError } from './rate-limit';
import { tokenProviderFor, TOKEN_ERRCODES, WechatTokenError, type TokenProvider } from './wechat-token';

/*
 * Mini-program codes (小程序码) through WeChat's server API, over `fetch` (no
 * Node-only APIs):
 *
 *   POST {apiBase}/cgi-bin/stable_token  (wechat-token.ts: the process's token for this AppID,
 *        shared with the notification client)
 *   POST {apiBase}/wxa/getwxacodeunlimit?access_token=…
 *        { scene (≤ 32 visible characters), page (no leading /, no query), check_path, env_version, width }
 *        → the image bytes (image/jpeg) | { errcode, errmsg } (HTTP 200)
 *
 * The AppSecret and the token travel only in those requests: nothing here logs
 * a URL, and WeChat's errmsg (which never holds either) is the only text passed on.
 */

type WxacodeDeps = { config: AppConfig; logger: Logger; now: () => Date; requestId?: string };
export type Wxacode = { bytes: Uint8Array; mime: string };

const TIMEOUT_MS = 8_000;
/** Characters WeChat accepts in a scene. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;

const Failure = z.object({ errcode: z.number(), errmsg: z.string().optional() });

export function wxacodeConfigured(config: AppConfig): boolean {
  return Boolean(config.wechat.appId && config.wechat.appSecret);
}

class WechatQrError extends AppError {}

function unavailable(message: string, details?: unknown): AppError {
  return new WechatQrError('UNAVAILABLE', 503, message, details);
}

function upstream(errcode: number, errmsg: string | undefined): AppError {
  return new WechatQrError('WECHAT_ERROR', 502, `微信接口返回错误 ${errcode}${errmsg ? `：${errmsg}` : ''}`, {
    wechat: { errcode, errmsg: errmsg ?? '' },
  });
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, image/*' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** A token from `get` (the provider's token or renewal), or our error body for why there is none. */
async function withToken(deps: WxacodeDeps, tokens: TokenProvider, get: (t: TokenProvider) => Promise<string>): Promise<string> {
  try {
    return await get(tokens);
  } catch (err) {
    if (!(err instanceof WechatTokenError)) throw err;
    const f = err.failure;
    if (f.kind === 'http') throw unavailable('微信接口暂时不可用，请稍后再试', { httpStatus: f.status });
    if (f.kind === 'unreachable') {
      deps.logger.error(
        { requestId: deps.requestId, wechat: 'stable_token', failure: tokens.redact(f.detail) },
        'WeChat could not be reached',
      );
      throw unavailable('微信接口暂时无法访问，请稍后再试');
    }
    deps.logger.error({ requestId: deps.requestId, wechat: 'stable_token', errcode: f.errcode }, 'WeChat refused the access token');
    // 40013 invalid appid, 40125 invalid secret, 40164 IP not whitelisted…: our configuration.
    throw new WechatQrError(
      'WECHAT_ERROR',
      502,
      `获取微信接口凭证失败${f.errcode !== null ? `（错误码 ${f.errcode}）` : ''}，请检查 WX_APPID、WX_SECRET 和 IP 白名单`,
      {
        wechat: f.errcode !== null ? { errcode: f.errcode, errmsg: tokens.redact(f.errmsg) } : null,
      },
    );
  }
}

/**
 * The unlimited mini-program code opening `page` with `scene`. Answers:
 * 503 UNAVAILABLE when WeChat is not configured or cannot be reached;
 * 429 RATE_LIMITED on WeChat's quota (45009); 502 WECHAT_ERROR with
 * `details.wechat.errcode` for anything else WeChat refuses (41030: the page is
 * not in the released mini-program; set WX_QR_ENV_VERSION for trial builds).
 */
export async function getWxacode({
  ctx,
  input: { scene, page, width = 430 },
}: VerbArgs<{ scene: string; page: string; width?: number }>): Promise<Wxacode> {
  // The token cache outlives the request: it gets the app's clock, not the request's time.
  const deps: WxacodeDeps = { config: ctx.config, logger: ctx.logger, now: ctx.clock, requestId: ctx.requestId };
  const tokens = tokenProviderFor(deps.config.wechat, { now: deps.now, timeoutMs: TIMEOUT_MS });
  if (!tokens) {
    throw unavailable('未配置微信小程序凭证（WX_APPID、WX_SECRET），只能生成普通二维码', { reason: 'not_configured' });
  }
  // Our own inputs: a bad one is a bug here, not something to send to WeChat.
  if (!SCENE.test(scene))
    throw new AppError('VALIDATION_FAILED', 400, "scene 最多 32 个字符，且只能含字母、数字和 !#$&'()*+,/:;=?@-._~", {
      issues: [{ field: 'scene', message: '格式不符合微信要求' }],
    });
  const pagePath = page.replace(/^\//, '').replace(/\?.*$/, '');
  const envVersion = deps.config.wechat.qrEnvVersion;

  let rejected: string | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await withToken(deps, tokens, (t) => (rejected === null ? t.token() : t.renew(rejected)));
    let res: Response;
    try {
      res = await post(`${deps.config.wechat.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        scene,
        page: pagePath,
        // An unreleased page can only be checked once it is released.
        check_path: envVersion === 'release',
        env_version: envVersion,
        width,
      });
    } catch (err) {
      deps.logger.error(
        { requestId: deps.requestId, wechat: 'getwxacodeunlimit', failure: err instanceof Error ? err.name : 'unknown' },
        'WeChat could not be reached',
      );
      throw unavailable('微信接口暂时无法访问，请稍后再试');
    }
    if (!res.ok) {
      deps.logger.error(
        { requestId: deps.requestId, wechat: 'getwxacodeunlimit', httpStatus: res.status },
        'WeChat answered with an HTTP error',
      );
      throw unavailable('微信接口暂时不可用，请稍后再试', { httpStatus: res.status });
    }
    const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (mime.startsWith('image/')) return { bytes, mime };

    // Anything else is an error object (WeChat answers errors with HTTP 200 and JSON).
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      parsed = null;
    }
    const failure = Failure.safeParse(parsed);
    if (!failure.success) {
      deps.logger.error({ requestId: deps.requestId, wechat: 'getwxacodeunlimit', mime }, 'WeChat answered neither an image nor an error');
      throw unavailable('微信接口返回了无法识别的内容，请稍后再试');
    }
    const { errcode, errmsg } = failure.data;
    if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
      rejected = token;
      continue;
    }
    deps.logger.warn({ requestId: deps.requestId, wechat: 'getwxacodeunlimit', errcode }, 'WeChat refused the mini-program code');
    if (errcode === 45009) throw new RateLimitedError(60, '生成小程序码太频繁了（微信限额），请一分钟后再试');
    if (errcode === -1) throw unavailable('微信服务繁忙，请稍后再试', { wechat: { errcode, errmsg: errmsg ?? '' } });
    throw upstream(errcode, errmsg);
  }
  throw unavailable('微信接口凭证无效，请稍后再试');
}
