import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's access-token and subscription-message APIs
 * (127.0.0.1, a free port), following their contract:
 *
 *   GET  /cgi-bin/token?grant_type=client_credential&appid=…&secret=…
 *        → { access_token, expires_in: 7200 } | { errcode: 40013 | 40125 | 40002, errmsg }
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
  tokenRequests(): LoggedRequest[];
  sendRequests(): LoggedRequest[];
  /** Bodies of the messages accepted (errcode 0). */
  delivered: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> } & Record<string, unknown>>;
  /** Tokens issued so far, oldest first. */
  tokens: string[];
  /** Queue answers for the next send requests (consumed in order, then back to the contract). */
  answerSend(...answers: Array<Answer | AnswerFn>): void;
  answerToken(...answers: Array<Answer | AnswerFn>): void;
  /** Every issued token becomes invalid (as when another server fetched a new one): sends get 40001. */
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
};

export const wxError = (errcode: number, errmsg = 'error'): Answer => ({ body: { errcode, errmsg: `${errmsg} rid: test` } });

export async function startSubscribeServer(opts: SubscribeServerOptions): Promise<SubscribeServer> {
  const requests: LoggedRequest[] = [];
  const delivered: SubscribeServer['delivered'] = [];
  const tokens: string[] = [];
  const valid = new Set<string>();
  const refused = new Set<string>();
  let sendQueue: Array<Answer | AnswerFn> = [];
  let tokenQueue: Array<Answer | AnswerFn> = [];

  function contractToken(req: LoggedRequest): Answer {
    if (req.method !== 'GET') return { status: 405, body: {} };
    if (req.query.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type');
    if (req.query.appid !== opts.appId) return wxError(40013, 'invalid appid');
    if (req.query.secret !== opts.secret) return wxError(40125, 'invalid appsecret');
    const token = `ACCESS_TOKEN_${tokens.length + 1}_${Math.random().toString(36).slice(2, 10)}`;
    tokens.push(token);
    valid.add(token);
    return { body: { access_token: token, expires_in: 7200 } };
  }

  function contractSend(req: LoggedRequest): Answer {
    if (req.method !== 'POST') return { status: 405, body: {} };
    const token = req.query.access_token;
    if (!token) return wxError(41001, 'access_token missing');
    if (!valid.has(token)) return wxError(40001, 'invalid credential, access_token is invalid or not latest');
    const b = req.body as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object') return wxError(47001, 'data format error');
    if (typeof b.touser !== 'string' || !/^[\w-]{10,64}$/.test(b.touser)) return wxError(40003, 'invalid openid');
    const keys = typeof b.template_id === 'string' ? opts.templates[b.template_id] : undefined;
    if (!keys) return wxError(40037, 'invalid template_id');
    if (b.page !== undefined && (typeof b.page !== 'string' || b.page.startsWith('/'))) return wxError(41030, 'invalid page');
    if (!['developer', 'trial', 'formal', undefined].includes(b.miniprogram_state as string | undefined)) return wxError(47003, 'invalid miniprogram_state');
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
    if (url.pathname === '/cgi-bin/token') {
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
    tokenRequests: () => requests.filter((r) => r.path === '/cgi-bin/token'),
    sendRequests: () => requests.filter((r) => r.path === '/cgi-bin/message/subscribe/send'),
    delivered,
    tokens,
    answerSend: (...answers) => sendQueue.push(...answers),
    answerToken: (...answers) => tokenQueue.push(...answers),
    revokeTokens: () => valid.clear(),
    refuse: (openid) => refused.add(openid),
    reset: () => {
      requests.length = 0;
      delivered.length = 0;
      // Issued tokens stay valid (as at WeChat); the list restarts so a test sees only its own.
      tokens.length = 0;
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
