import type { AppConfig } from '../lib/ports';

/**
 * WeChat's stable access token (getStableAccessToken), over `fetch`, for every
 * client of one AppID in this process (subscription messages, mini-program codes):
 *
 *   POST {apiBase}/cgi-bin/stable_token  { grant_type: 'client_credential', appid, secret, force_refresh }
 *        → { access_token, expires_in } | { errcode, errmsg }
 *
 * Why this endpoint and not GET /cgi-bin/token: every call to that one
 * invalidates the token issued before (after a short grace period), so several
 * BFF instances, or two clients in one, knock each other's tokens out. In
 * normal mode (force_refresh false) stable_token answers the current token while
 * it is valid, whoever asks. Force mode issues a new token and invalidates the
 * old one for everybody; WeChat allows it 20 times a day, 30 s apart. So we
 * force only when WeChat rejected a token and normal mode hands back that very
 * token, and at most once per 30 s.
 *
 * The token is cached until five minutes before it expires; one request at a
 * time fetches it. Nothing here logs; the AppSecret travels only in the request
 * body, and `redact` removes it and every token seen from text bound for logs
 * or the database.
 */

/** The access token is invalid, expired or not the latest: get another one. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001, 40014]);
/** Refresh this long before WeChat says the token expires (clock skew, requests in flight). */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** WeChat ignores forced refreshes closer together than this. */
const FORCE_INTERVAL_MS = 30_000;

export type TokenFailure =
  /** Network error or timeout; `detail` names it without quoting the request. */
  | { kind: 'unreachable'; detail: string }
  | { kind: 'http'; status: number }
  /** WeChat answered an error (40013 appid, 40125 secret, 40164 IP not whitelisted, -1 busy…), or nothing usable (errcode null). */
  | { kind: 'refused'; errcode: number | null; errmsg: string };

export class WechatTokenError extends Error {
  constructor(readonly failure: TokenFailure) {
    super(
      failure.kind === 'unreachable'
        ? `token: ${failure.detail}`
        : failure.kind === 'http'
          ? `token: HTTP ${failure.status}`
          : `token: errcode ${failure.errcode ?? '?'} ${failure.errmsg}`.trim(),
    );
    this.name = 'WechatTokenError';
  }
}

export type TokenProvider = {
  /** A valid token (cached). Throws WechatTokenError. */
  token(): Promise<string>;
  /**
   * After WeChat rejected `rejected` (TOKEN_ERRCODES): another token if there is
   * one. Asks in normal mode; forces a refresh only if WeChat hands back the
   * very token it rejected. Concurrent renewals of one token share the request.
   * May return `rejected` again (a forced refresh less than 30 s ago).
   */
  renew(rejected: string): Promise<string>;
  /** `text` without the AppSecret or any token this provider has held, cut to 500 characters. */
  redact(text: string): string;
};

export type TokenProviderOptions = {
  apiBase: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** For the token's expiry and the interval between forced refreshes. */
  now?: () => Date;
};

type Token = { value: string; expiresAt: number };

export function createTokenProvider(opts: TokenProviderOptions): TokenProvider {
  const url = `${opts.apiBase.replace(/\/+$/, '')}/cgi-bin/stable_token`;
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const now = () => (opts.now ? opts.now() : new Date()).getTime();

  let cached: Token | null = null;
  let inflight: Promise<Token> | null = null;
  let renewal: { rejected: string; promise: Promise<string> } | null = null;
  let lastForcedAt = Number.NEGATIVE_INFINITY;
  const seen = new Set<string>();

  async function request(force: boolean): Promise<Token> {
    let status: number;
    let text: string;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret, force_refresh: force }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new WechatTokenError({ kind: 'unreachable', detail: describeFetchError(err, timeoutMs) });
    }
    if (status < 200 || status >= 300) throw new WechatTokenError({ kind: 'http', status });
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const value = body?.access_token;
    const expiresIn = body?.expires_in;
    if (typeof value === 'string' && value && typeof expiresIn === 'number' && expiresIn > 0) {
      seen.add(value);
      return { value, expiresAt: now() + expiresIn * 1000 - TOKEN_MARGIN_MS };
    }
    const errcode = typeof body?.errcode === 'number' ? body.errcode : null;
    throw new WechatTokenError({ kind: 'refused', errcode, errmsg: typeof body?.errmsg === 'string' ? body.errmsg : '' });
  }

  /** Normal mode, one request at a time. */
  function current(): Promise<Token> {
    inflight ??= request(false).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt > now()) return cached.value;
    const t = await current();
    cached = t;
    return t.value;
  }

  function renew(rejected: string): Promise<string> {
    // Someone renewed it already.
    if (cached && cached.value !== rejected && cached.expiresAt > now()) return Promise.resolve(cached.value);
    if (renewal?.rejected === rejected) return renewal.promise;
    if (cached?.value === rejected) cached = null;
    const promise = (async () => {
      let t = await current();
      if (t.value === rejected && now() - lastForcedAt >= FORCE_INTERVAL_MS) {
        lastForcedAt = now();
        t = await request(true);
      }
      cached = t;
      return t.value;
    })().finally(() => {
      if (renewal?.promise === promise) renewal = null;
    });
    renewal = { rejected, promise };
    return promise;
  }

  function redact(text: string): string {
    let out = text;
    for (const s of [opts.appSecret, ...seen]) if (s) out = out.split(s).join('[redacted]');
    return out.slice(0, 500);
  }

  return { token, renew, redact };
}

const shared = new WeakMap<AppConfig['wechat'], TokenProvider>();

/**
 * The provider of this configuration, one per process: every client built from
 * the same `AppConfig['wechat']` shares its cache (the first caller's `extra`
 * is the one used). Null without an AppID or AppSecret.
 */
export function tokenProviderFor(
  wechat: AppConfig['wechat'],
  extra: Pick<TokenProviderOptions, 'fetch' | 'timeoutMs' | 'now'> = {},
): TokenProvider | null {
  if (!wechat.appId || !wechat.appSecret) return null;
  let provider = shared.get(wechat);
  if (!provider) {
    provider = createTokenProvider({ apiBase: wechat.apiBase, appId: wechat.appId, appSecret: wechat.appSecret, ...extra });
    shared.set(wechat, provider);
  }
  return provider;
}

export function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
    const code = (err as { cause?: { code?: unknown } }).cause?.code;
    return `network: ${typeof code === 'string' ? code : err.message}`;
  }
  return 'network: error';
}
