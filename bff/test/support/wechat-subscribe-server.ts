import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's stable access-token and subscription-message
 * APIs (127.0.0.1, a free port), following their contract:
 *
 *   POST /cgi-bin/stable_token  { grant_type: 'client_credential', appid, secret, force_refresh? }  (JSON)
 *        → { access_token, expires_in } | { errcode, errmsg }: 43002 (not POST), 47001 (not JSON),
 *          40002 (grant_type), 40013 (appid), 40125 (secret).
 *        Normal mode (force_refresh absent or false) answers the current token
 *        while it is valid, with the seconds it has left; in its last 5 minutes
 *        it answers a new one (the old stays valid until it expires).
 *        force_refresh: true issues a new token and invalidates the current
 *        one, but not within 30 s of the last forced refresh (then it is
 *        normal mode). The 20-a-day limit on forced refreshes is not modelled.
 *   POST /cgi-bin/message/subscribe/send?access_token=…  (JSON body)
 *        → { errcode: 0, errmsg: 'ok' }, or 41001 (no token), 40001 (invalid
 *          token), 47001 (not JSON), 40003 (bad openid), 40037 (unknown
 *          template), 47003 (data breaks the value rules), 43101 (user refused)
 *
 * WeChat answers HTTP 200 with an errcode for every API error. Every request
 * is logged; tests queue one-off answers (errors, HTTP 500, delays) that take
 * precedence over the contract behaviour. Separate from wechat-server.ts
 * (code2Session).
 */

export type LoggedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
};

/** An answer to one request: a status (200 by default) and a JSON body, optionally late. */
export type Answer = { status?: number; body?: unknown; delayMs?: number };
export type AnswerFn = (req: LoggedRequest) => Answer;

export type SubscribeServer = {
  url: string;
  requests: LoggedRequest[];
  /** Requests to /cgi-bin/stable_token. */
  tokenRequests(): LoggedRequest[];
  /** Those of them with force_refresh: true. */
  forcedRefreshes(): LoggedRequest[];
  sendRequests(): LoggedRequest[];
  /** Bodies of the messages accepted (errcode 0). */
  delivered: Array<
    { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> } & Record<string, unknown>
  >;
  /** Tokens issued so far, oldest first. */
  tokens: string[];
  /** Queue answers for the next send requests (consumed in order, then back to the contract). */
  answerSend(...answers: Array<Answer | AnswerFn>): void;
  answerToken(...answers: Array<Answer | AnswerFn>): void;
  /**
   * Every issued token stops working (sends get 40001) while normal mode keeps
   * answering the current one until it expires: WeChat out of step, which only
   * a forced refresh clears. (Another instance forcing a refresh is a request
   * with force_refresh: true.)
   */
  revokeTokens(): void;
  /** This openid refused the template: sends to it get 43101. */
  refuse(openid: string): void;
  reset(): void;
  close(): Promise<void>;
};

export type SubscribeServerOptions = {
  appId: string;
  secret: string;
  /** Template id → its keys, e.g. { TPL: ['character_string1', 'thing2', 'phrase3', 'time4'] }. */
  templates: Record<string, string[]>;
  /** WeChat's clock, for token expiry (real time by default). */
  now?: () => Date;
};

export const wxError = (errcode: number, errmsg = 'error'): Answer => ({ body: { errcode, errmsg: `${errmsg} rid: test` } });

export async function startSubscribeServer(opts: SubscribeServerOptions): Promise<SubscribeServer> {
  const requests: LoggedRequest[] = [];
  const delivered: SubscribeServer['delivered'] = [];
  const tokens: string[] = [];
  const now = () => (opts.now ? opts.now() : new Date()).getTime();
  /** Issued token → when it expires (ms). */
  const expiry = new Map<string, number>();
  /** Issued tokens invalidated before they expired. */
  const invalid = new Set<string>();
  let current: string | null = null;
  let lastForcedAt = Number.NEGATIVE_INFINITY;
  const refused = new Set<string>();
  let sendQueue: Array<Answer | AnswerFn> = [];
  let tokenQueue: Array<Answer | AnswerFn> = [];

  const isValid = (token: string) => (expiry.get(token) ?? 0) > now() && !invalid.has(token);

  function issue(): string {
    current = `STABLE_TOKEN_${tokens.length + 1}_${Math.random().toString(36).slice(2, 10)}`;
    tokens.push(current);
    expiry.set(current, now() + 7200_000);
    return current;
  }

  function contractToken(req: LoggedRequest): Answer {
    if (req.method !== 'POST') return wxError(43002, 'require POST method');
    const b = req.body as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object') return wxError(47001, 'data format error');
    if (b.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type');
    if (b.appid !== opts.appId) return wxError(40013, 'invalid appid');
    if (b.secret !== opts.secret) return wxError(40125, 'invalid appsecret');
    let token: string;
    if (b.force_refresh === true && now() - lastForcedAt >= 30_000) {
      lastForcedAt = now();
      if (current) invalid.add(current);
      token = issue();
    } else {
      // In its last 5 minutes (or once expired) the current token is replaced; the old one keeps working until it expires.
      token = current !== null && (expiry.get(current) ?? 0) - now() > 300_000 ? current : issue();
    }
    const expiresAt = expiry.get(token) ?? 0;
    return { body: { access_token: token, expires_in: Math.floor((expiresAt - now()) / 1000) } };
  }

  function contractSend(req: LoggedRequest): Answer {
    if (req.method !== 'POST') return { status: 405, body: {} };
    const token = req.query.access_token;
    if (!token) return wxError(41001, 'access_token missing');
    if (!isValid(token)) return wxError(40001, 'invalid credential, access_token is invalid or not latest');
    const b = req.body as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object') return wxError(47001, 'data format error');
    if (typeof b.touser !== 'string' || !/^[\w-]{10,64}$/.test(b.touser)) return wxError(40003, 'invalid openid');
    const keys = typeof b.template_id === 'string' ? opts.templates[b.template_id] : undefined;
    if (!keys) return wxError(40037, 'invalid template_id');
    if (b.page !== undefined && (typeof b.page !== 'string' || b.page.startsWith('/'))) return wxError(41030, 'invalid page');
    if (!['developer', 'trial', 'formal', undefined].includes(b.miniprogram_state as string | undefined))
      return wxError(47003, 'invalid miniprogram_state');
    const data = b.data as Record<string, { value?: unknown }> | undefined;
    if (!data || typeof data !== 'object') return wxError(47003, 'argument invalid! data is empty');
    for (const key of keys) {
      const value = data[key]?.value;
      if (typeof value !== 'string' || !validValue(key, value)) return wxError(47003, `argument invalid! data.${key}.value invalid`);
    }
    if (refused.has(b.touser)) return wxError(43101, 'user refuse to accept the msg');
    delivered.push(b as SubscribeServer['delivered'][number]);
    return { body: { errcode: 0, errmsg: 'ok' } };
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const logged: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
    requests.push(logged);

    let answer: Answer;
    if (url.pathname === '/cgi-bin/stable_token') {
      const queued = tokenQueue.shift();
      answer = queued ? (typeof queued === 'function' ? queued(logged) : queued) : contractToken(logged);
    } else if (url.pathname === '/cgi-bin/message/subscribe/send') {
      const queued = sendQueue.shift();
      answer = queued ? (typeof queued === 'function' ? queued(logged) : queued) : contractSend(logged);
    } else {
      answer = { status: 404, body: { errcode: 404, errmsg: 'not found' } };
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (res.destroyed) return;
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokenRequests: () => requests.filter((r) => r.path === '/cgi-bin/stable_token'),
    forcedRefreshes: () =>
      requests.filter(
        (r) => r.path === '/cgi-bin/stable_token' && (r.body as { force_refresh?: unknown } | undefined)?.force_refresh === true,
      ),
    sendRequests: () => requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send'),
    delivered,
    tokens,
    answerSend: (...answers) => sendQueue.push(...answers),
    answerToken: (...answers) => tokenQueue.push(...answers),
    revokeTokens: () => {
      for (const t of expiry.keys()) invalid.add(t);
    },
    refuse: (openid) => refused.add(openid),
    reset: () => {
      requests.length = 0;
      delivered.length = 0;
      // A fresh account: no token issued yet.
      tokens.length = 0;
      expiry.clear();
      invalid.clear();
      current = null;
      lastForcedAt = Number.NEGATIVE_INFINITY;
      sendQueue = [];
      tokenQueue = [];
      refused.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** WeChat's value rules, by the key's type prefix. */
function validValue(key: string, value: string): boolean {
  const len = Array.from(value).length;
  if (len === 0) return false;
  if (key.startsWith('thing')) return len <= 20;
  if (key.startsWith('character_string')) return len <= 32 && /^[\x21-\x7e]+$/.test(value);
  if (key.startsWith('phrase')) return len <= 5 && /^[\u4e00-\u9fff]+$/.test(value);
  if (key.startsWith('time')) return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(value);
  if (key.startsWith('number')) return len <= 32 && /^[\d.]+$/.test(value);
  return len <= 20;
}
