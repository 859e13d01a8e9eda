import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that follows WeChat's server API contracts, for tests
 * that run the real adapters (fetch to `config.wechat.apiBase`). Handlers are
 * registered per method + path; every request is logged.
 *
 *   const wx = await startFakeWechat({ appId: 'wx-test', appSecret: 's3cret' });
 *   createTestContext({ config: (c) => ({ ...c, wechat: { ...c.wechat, apiBase: wx.url, appId: wx.appId, appSecret: wx.appSecret } }) });
 *   const code = wx.issueCode('openid-1');          // what wx.login() would give the phone
 *   …
 *   await wx.close();
 *
 * Built in: GET /sns/jscode2session (code2Session). Other APIs (access token,
 * subscription messages…) can be added with `wx.on(method, path, handler)`.
 */

export type FakeRequest = {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** Raw request body ('' for GET). */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
};

export type FakeResponse = { status?: number; json?: unknown; text?: string; headers?: Record<string, string>; delayMs?: number };
export type FakeHandler = (req: FakeRequest, wx: FakeWechat) => FakeResponse | Promise<FakeResponse>;

export type FakeWechat = {
  /** Base URL to use as `config.wechat.apiBase`, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  appId: string;
  appSecret: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /** Session keys handed out by code2Session: tests assert they never leave the BFF. */
  sessionKeys: string[];
  /** A fresh one-time login code for `openid` (what wx.login() yields on the phone). */
  issueCode(openid: string, extra?: { unionid?: string }): string;
  /** A code for which code2Session answers `{ errcode, errmsg }`. */
  failingCode(errcode: number, errmsg?: string): string;
  /** Registers (or replaces) the handler for a method + path; returns a function that puts the previous one back. */
  on(method: string, path: string, handler: FakeHandler): () => void;
  /** Forgets requests, codes and custom handlers; keeps the built-in ones. */
  reset(): void;
  close(): Promise<void>;
};

export async function startFakeWechat(opts: { appId?: string; appSecret?: string } = {}): Promise<FakeWechat> {
  const appId = opts.appId ?? 'wx-test-appid';
  const appSecret = opts.appSecret ?? `fake-secret-${randomBytes(8).toString('hex')}`;
  const handlers = new Map<string, FakeHandler>();
  const codes = new Map<string, { openid: string; unionid?: string } | { errcode: number; errmsg: string }>();
  const usedCodes = new Set<string>();
  let counter = 0;

  const builtIns = () => {
    handlers.clear();
    handlers.set('GET /sns/jscode2session', code2Session);
  };

  // Follows https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
  const code2Session: FakeHandler = (req) => {
    const { appid, secret, js_code: code, grant_type: grantType } = req.query;
    if (appid !== appId) return { json: { errcode: 40013, errmsg: 'invalid appid' } };
    if (secret !== appSecret) return { json: { errcode: 40125, errmsg: 'invalid appsecret' } };
    if (grantType !== 'authorization_code') return { json: { errcode: 40002, errmsg: 'invalid grant_type' } };
    if (!code) return { json: { errcode: 41008, errmsg: 'missing code' } };
    const entry = codes.get(code);
    if (!entry) return { json: { errcode: 40029, errmsg: 'invalid code' } };
    if ('errcode' in entry) return { json: entry };
    if (usedCodes.has(code)) return { json: { errcode: 40163, errmsg: 'code been used' } };
    usedCodes.add(code);
    const sessionKey = randomBytes(16).toString('base64');
    wx.sessionKeys.push(sessionKey);
    return { json: { openid: entry.openid, session_key: sessionKey, ...(entry.unionid ? { unionid: entry.unionid } : {}) } };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake.local');
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const fr: FakeRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body,
          json,
        };
        wx.requests.push(fr);
        const handler = handlers.get(`${fr.method} ${fr.path}`);
        let out: FakeResponse;
        try {
          out = handler ? await handler(fr, wx) : { status: 404, json: { errcode: 404, errmsg: 'no handler in fake WeChat server' } };
        } catch (err) {
          out = { status: 500, text: String(err) };
        }
        if (out.delayMs) await new Promise((r) => setTimeout(r, out.delayMs));
        const isJson = out.json !== undefined;
        res.writeHead(out.status ?? 200, { 'content-type': isJson ? 'application/json' : 'text/plain', ...out.headers });
        res.end(isJson ? JSON.stringify(out.json) : (out.text ?? ''));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const wx: FakeWechat = {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    requests: [],
    sessionKeys: [],
    issueCode(openid, extra) {
      const code = `code-${++counter}-${randomBytes(6).toString('hex')}`;
      codes.set(code, { openid, ...(extra?.unionid ? { unionid: extra.unionid } : {}) });
      return code;
    },
    failingCode(errcode, errmsg = `error ${errcode}`) {
      const code = `fail-${++counter}-${randomBytes(6).toString('hex')}`;
      codes.set(code, { errcode, errmsg });
      return code;
    },
    on(method, path, handler) {
      const key = `${method.toUpperCase()} ${path}`;
      const previous = handlers.get(key);
      handlers.set(key, handler);
      return () => {
        if (previous) handlers.set(key, previous);
        else handlers.delete(key);
      };
    },
    reset() {
      wx.requests.length = 0;
      wx.sessionKeys.length = 0;
      codes.clear();
      usedCodes.clear();
      builtIns();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  builtIns();
  return wx;
}
