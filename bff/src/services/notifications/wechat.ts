import type { AppConfig } from '../../lib/ports';
import type { CaseAnsweredPayload, CaseAssignedPayload, Notification, NotificationKind } from './outbox';

/**
 * WeChat subscription messages (订阅消息) over `fetch` — no Node-only APIs, so
 * the client runs wherever the app runs.
 *
 *   GET  {apiBase}/cgi-bin/token?grant_type=client_credential&appid=…&secret=…
 *        → { access_token, expires_in } | { errcode, errmsg }
 *   POST {apiBase}/cgi-bin/message/subscribe/send?access_token=…
 *        { touser, template_id, page, data: { key: { value } }, miniprogram_state, lang }
 *        → { errcode: 0, errmsg: 'ok' } | { errcode, errmsg }
 *
 * The AppSecret and the access token travel only in those URLs: the client
 * logs nothing, and every error text it returns is scrubbed of both.
 */

export type SendResult = { ok: true } | { ok: false; retryable: boolean; error: string };

/** What the outbox worker needs from a delivery channel. */
export type NotificationSender = {
  /** Kinds with a configured template; the worker leaves rows of other kinds pending. */
  readonly kinds: readonly NotificationKind[];
  /** Never throws: every failure comes back classified. */
  send(n: Notification): Promise<SendResult>;
};

export type WechatClientOptions = {
  apiBase: string;
  appId: string;
  appSecret: string;
  templates: Partial<Record<NotificationKind, string | null>>;
  fetch?: typeof fetch;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** For the token's expiry. */
  now?: () => Date;
};

/** The user refused or is not subscribed, bad openid, bad template data, bad template id: retrying cannot help. */
export const PERMANENT_ERRCODES: ReadonlySet<number> = new Set([43101, 40003, 47003, 40037]);
/** The access token is invalid, expired or not the latest: get a new one and try once more. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001, 40014]);
/** Refresh this long before WeChat says the token expires (clock skew, requests in flight). */
const TOKEN_MARGIN_MS = 5 * 60_000;

type Token = { value: string; expiresAt: number };
class TokenError extends Error {}

export function createWechatClient(opts: WechatClientOptions): NotificationSender {
  const apiBase = opts.apiBase.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? (() => new Date());
  const kinds = (Object.keys(opts.templates) as NotificationKind[]).filter((k) => Boolean(opts.templates[k]));

  let cached: Token | null = null;
  // One token request at a time: concurrent sends share it instead of each
  // fetching (every fetch invalidates the previous token after a short grace period).
  let inflight: Promise<Token> | null = null;
  const seenTokens = new Set<string>();

  /** Removes the secret and any token this client has held from text that may end up in logs or the database. */
  function scrub(text: string): string {
    let out = text;
    for (const s of [opts.appSecret, ...seenTokens]) if (s) out = out.split(s).join('[redacted]');
    return out.slice(0, 500);
  }

  async function fetchJson(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> | null }> {
    const res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  }

  async function requestToken(): Promise<Token> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret });
    let r: Awaited<ReturnType<typeof fetchJson>>;
    try {
      r = await fetchJson(`${apiBase}/cgi-bin/token?${q}`, { method: 'GET' });
    } catch (err) {
      throw new TokenError(`token: ${describeFetchError(err, timeoutMs)}`);
    }
    if (r.status < 200 || r.status >= 300) throw new TokenError(`token: HTTP ${r.status}`);
    const token = r.body?.access_token;
    const expiresIn = r.body?.expires_in;
    if (typeof token === 'string' && token && typeof expiresIn === 'number') {
      seenTokens.add(token);
      return { value: token, expiresAt: now().getTime() + expiresIn * 1000 - TOKEN_MARGIN_MS };
    }
    // e.g. 40013 invalid appid, 40125 invalid secret, 40164 IP not whitelisted, -1 busy.
    // A configuration problem, not the message's: the row is retried later.
    throw new TokenError(`token: errcode ${String(r.body?.errcode ?? '?')} ${String(r.body?.errmsg ?? '')}`.trim());
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt > now().getTime()) return cached.value;
    inflight ??= requestToken().finally(() => {
      inflight = null;
    });
    cached = await inflight;
    return cached.value;
  }

  /** Drops the cached token if it is still the one that failed (a concurrent send may already have refreshed it). */
  function invalidate(value: string) {
    if (cached?.value === value) cached = null;
  }

  type Attempt = SendResult | { tokenRejected: true; error: string };

  async function post(accessToken: string, body: object): Promise<Attempt> {
    let r: Awaited<ReturnType<typeof fetchJson>>;
    try {
      r = await fetchJson(`${apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (err) {
      return { ok: false, retryable: true, error: describeFetchError(err, timeoutMs) };
    }
    if (r.status < 200 || r.status >= 300) return { ok: false, retryable: true, error: `HTTP ${r.status}` };
    const errcode = r.body?.errcode;
    if (errcode === 0) return { ok: true };
    if (typeof errcode !== 'number') return { ok: false, retryable: true, error: 'unexpected response' };
    const error = `errcode ${errcode} ${String(r.body?.errmsg ?? '')}`.trim();
    if (TOKEN_ERRCODES.has(errcode)) return { tokenRejected: true, error };
    // -1 (busy), 45009 (quota) and anything unknown are retried; the worker's attempt limit bounds them.
    return { ok: false, retryable: !PERMANENT_ERRCODES.has(errcode), error };
  }

  async function send(n: Notification): Promise<SendResult> {
    const templateId = opts.templates[n.kind];
    if (!templateId) return { ok: false, retryable: true, error: `no template configured for ${n.kind}` };
    try {
      const body = subscribeMessage(n, templateId);
      const first = await token();
      let result = await post(first, body);
      if ('tokenRejected' in result) {
        invalidate(first);
        result = await post(await token(), body);
        if ('tokenRejected' in result) result = { ok: false, retryable: true, error: result.error };
      }
      return result.ok ? result : { ...result, error: scrub(result.error) };
    } catch (err) {
      const error = err instanceof TokenError ? err.message : `unexpected: ${err instanceof Error ? err.name : 'error'}`;
      return { ok: false, retryable: true, error: scrub(error) };
    }
  }

  return { kinds, send };
}

/**
 * The client for the app's configuration, or null when WeChat is not
 * configured (no AppID or AppSecret): nothing could be delivered then.
 */
export function wechatClientFromConfig(
  wechat: AppConfig['wechat'],
  extra: Pick<WechatClientOptions, 'fetch' | 'timeoutMs' | 'now'> = {},
): NotificationSender | null {
  if (!wechat.appId || !wechat.appSecret) return null;
  return createWechatClient({
    apiBase: wechat.apiBase,
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    templates: { case_answered: wechat.answeredTemplateId, case_assigned: wechat.assignedTemplateId },
    ...extra,
  });
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
    const code = (err as { cause?: { code?: unknown } }).cause?.code;
    return `network: ${typeof code === 'string' ? code : err.message}`;
  }
  return 'network: error';
}

// ------------------------------------------------------------- template data

export type TemplateData = Record<string, { value: string }>;

/** The request body of subscribe/send for one notification. */
export function subscribeMessage(n: Notification, templateId: string) {
  return {
    touser: n.recipient,
    template_id: templateId,
    // WeChat wants the path without a leading slash (`pages/x/index?id=1`).
    page: n.payload.page.replace(/^\/+/, ''),
    data: templateData(n),
    miniprogram_state: 'formal',
    lang: 'zh_CN',
  } as const;
}

export function templateData(n: Notification): TemplateData {
  return n.kind === 'case_answered' ? answeredData(n.payload) : assignedData(n.payload);
}

/** 诉求答复通知: 受理编号, 诉求标题, 办理状态, 答复时间. */
function answeredData(p: CaseAnsweredPayload): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    thing2: { value: thing(p.title) },
    phrase3: { value: '已答复' },
    time4: { value: shanghaiTime(p.answeredAt) },
  };
}

/** 新诉求待办通知: 受理编号, 类型·部门, 办理时限. */
function assignedData(p: CaseAssignedPayload): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    thing2: { value: thing(`${p.type}·${p.departmentName}`) },
    time3: { value: shanghaiTime(p.dueAt) },
  };
}

/**
 * thing.DATA: at most 20 characters (Chinese, letters, digits, symbols). WeChat
 * rejects the whole message (47003) if a value is too long, so shorten it with
 * an ellipsis; line breaks and runs of spaces become one space.
 */
export function thing(text: string, max = 20): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '无';
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** character_string.DATA: at most 32 letters, digits or symbols (no Chinese). */
export function characterString(text: string, max = 32): string {
  return text.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';
}

/**
 * time.DATA as 'YYYY-MM-DD HH:mm' in Asia/Shanghai. China has kept UTC+8 all
 * year since 1991, so a fixed offset is exact and needs no time-zone data.
 */
export function shanghaiTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${iso}`);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
