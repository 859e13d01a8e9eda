import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultErrorMessages, failedLoginText } from '@zw/shared';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { citizens, rateLimits, staffUsers } from '../src/db/schema';
import { DEMO_PASSWORD, demoAccounts, demoAccountsInUse, seedDemoAccounts, type DemoAccount } from '../src/db/seed/accounts';
import { withTransaction } from '../src/db/tx';
import { parseEnv } from '../src/env';
import { clientIp, requireCitizen, requireStaff } from '../src/lib/auth';
import type { AppEnv } from '../src/lib/context';
import { AppError } from '../src/lib/errors';
import type { Logger } from '../src/lib/logger';
import type { AppConfig } from '../src/lib/ports';
import { start } from '../src/node/start';
import { setStaffPassword, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/services/auth';
import { hitRateLimit } from '../src/services/rate-limit';
import { createTestContext, loginCitizen, loginStaff, testPasswords, type TestContext } from './helpers';
import { startFakeWechat, type FakeWechat } from './support/wechat-server';

// Everything any logger in this file was asked to write, and every response body and header the app sent.
const logs: Array<{ level: string; obj: object; msg?: string }> = [];
const logger: Logger = {
  info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
};
const responses: string[] = [];
const tokens: string[] = [];
const WRONG_SECRET = 'Wrong-AppSecret-Never-Print-Me-987654';
const WRONG_PASSWORD = 'not-the-password-42';

let wx: FakeWechat;
let ctx: TestContext;
const cleanups: Array<() => void> = [];

const withWechat =
  (fake: FakeWechat, over: Partial<AppConfig['wechat']> = {}, rest: Partial<AppConfig> = {}) =>
  (c: AppConfig): AppConfig => ({
    ...c,
    trustProxy: true,
    wechat: { ...c.wechat, apiBase: fake.url, appId: fake.appId, appSecret: fake.appSecret, ...over },
    ...rest,
  });

beforeAll(async () => {
  wx = await startFakeWechat({ appId: 'wx-test-appid', appSecret: 'TopSecret-AppSecret-0123456789abcdef' });
  ctx = await createTestContext({ logger, config: withWechat(wx) });
});
afterAll(async () => {
  ctx.cleanup();
  for (const c of cleanups) c();
  await wx.close();
});
afterEach(() => ctx.clock.real());

/** Another app over its own database (production mode, other WeChat settings…). */
async function otherContext(config: (c: AppConfig) => AppConfig, seed = false) {
  const other = await createTestContext({ logger, seed, config });
  cleanups.push(other.cleanup);
  return other;
}

let ipCounter = 0;
/** A new client address per request unless one is given, so per-IP limits only bite where a test means them to. */
const freshIp = () => {
  ipCounter++;
  return `10.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}.7`;
};

type CallOptions = { json?: unknown; raw?: string; token?: string; headers?: Record<string, string>; ip?: string };
async function callOn(app: TestContext['app'], method: 'GET' | 'POST', path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? freshIp(), ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  if (opts.raw !== undefined) body = opts.raw;
  const res = await app.request(`/api${path}`, { method, headers, body });
  const text = await res.text();
  const headerLines: string[] = [];
  res.headers.forEach((value, name) => headerLines.push(`${name}: ${value}`));
  responses.push(text, ...headerLines);
  const parsed = text ? JSON.parse(text) : undefined;
  if (parsed?.token) tokens.push(parsed.token);
  return { status: res.status, headers: res.headers, body: parsed, text };
}
const call = (method: 'GET' | 'POST', path: string, opts?: CallOptions) => callOn(ctx.app, method, path, opts);
const post = (path: string, json: unknown, opts: Omit<CallOptions, 'json'> = {}) => call('POST', path, { ...opts, json });

let openidCounter = 0;
const newOpenid = () => `wx-openid-${++openidCounter}-${Math.random().toString(36).slice(2)}`;

async function addAccounts(accounts: DemoAccount[]) {
  await seedDemoAccounts(ctx.db, testPasswords, accounts);
}

// ---------------------------------------------------------------------------------------------

describe('POST /api/auth/wx-login (citizens)', () => {
  it('exchanges the code with WeChat, creates the citizen once and returns our own token', async () => {
    const openid = newOpenid();
    const before = wx.requests.length;
    const code = wx.issueCode(openid, { unionid: 'union-1' });
    const first = await post('/auth/wx-login', { code });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      user: { kind: 'citizen', id: expect.any(Number) },
    });
    const ttl = Date.parse(first.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(ctx.config.citizenTokenTtlSeconds * 1000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(ctx.config.citizenTokenTtlSeconds * 1000);

    // The fake server got exactly the contract's parameters, once.
    expect(wx.requests.length).toBe(before + 1);
    const req = wx.requests.at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/sns/jscode2session');
    expect(req.query).toEqual({ appid: wx.appId, secret: wx.appSecret, js_code: code, grant_type: 'authorization_code' });

    // Nothing from WeChat in the answer.
    expect(first.text).not.toContain(openid);
    expect(first.text).not.toContain(wx.sessionKeys.at(-1)!);
    expect(first.text).not.toContain('union-1');

    const again = await post('/auth/wx-login', { code: wx.issueCode(openid) });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    const rows = await ctx.db.select().from(citizens).where(eq(citizens.openid, openid));
    expect(rows).toHaveLength(1);

    const me = await call('GET', '/auth/me', { token: first.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ kind: 'citizen', id: first.body.user.id, phoneMasked: null });
  });

  it('refuses a code that was already used (WeChat 40163) with 401', async () => {
    const code = wx.issueCode(newOpenid());
    expect((await post('/auth/wx-login', { code })).status).toBe(200);
    const reused = await post('/auth/wx-login', { code });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [40029, 401, 'UNAUTHENTICATED', /凭证无效或已过期/],
    [45011, 429, 'RATE_LIMITED', /太频繁/],
    [40226, 403, 'FORBIDDEN', /安全风险/],
    [-1, 503, 'UNAVAILABLE', /繁忙/],
    [40013, 503, 'UNAVAILABLE', /暂时不可用/],
  ])('maps WeChat errcode %i to %i %s', async (errcode, status, code, message) => {
    const res = await post('/auth/wx-login', { code: wx.failingCode(errcode) });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('60');
    expect(logs.some((l) => (l.obj as { errcode?: number }).errcode === errcode)).toBe(true);
  });

  it('maps an unknown code (WeChat answers 40029) to 401', async () => {
    const res = await post('/auth/wx-login', { code: 'never-issued-code' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['an HTTP error', { status: 502, text: 'bad gateway' }],
    ['a body that is not JSON', { text: '<html>busy</html>' }],
    ['JSON without an openid', { json: { session_key: 'abc' } }],
  ])('answers 503 when WeChat sends %s', async (_label, answer) => {
    const restore = wx.on('GET', '/sns/jscode2session', () => answer);
    try {
      const res = await post('/auth/wx-login', { code: 'any-code' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UNAVAILABLE');
    } finally {
      restore();
    }
  });

  it('answers 503 when WeChat cannot be reached, or is not configured (without calling it)', async () => {
    const closed = await startFakeWechat();
    const deadUrl = closed.url;
    await closed.close();
    const unreachable = await otherContext(withWechat(wx, { apiBase: deadUrl }));
    const a = await callOn(unreachable.app, 'POST', '/auth/wx-login', { json: { code: 'abc' } });
    expect(a.status).toBe(503);
    expect(a.body.error.code).toBe('UNAVAILABLE');

    const before = wx.requests.length;
    const unconfigured = await otherContext(withWechat(wx, { appId: null, appSecret: null }));
    const b = await callOn(unconfigured.app, 'POST', '/auth/wx-login', { json: { code: 'abc' } });
    expect(b.status).toBe(503);
    expect(b.body.error.message).toMatch(/尚未开通/);
    expect(wx.requests.length).toBe(before);
  });

  it('answers 503 and logs the errcode, not the secret, when our AppSecret is wrong', async () => {
    const wrong = await otherContext(withWechat(wx, { appSecret: WRONG_SECRET }));
    const res = await callOn(wrong.app, 'POST', '/auth/wx-login', { json: { code: wx.issueCode(newOpenid()) } });
    expect(res.status).toBe(503);
    expect(wx.requests.at(-1)!.query.secret).toBe(WRONG_SECRET);
    expect(logs.some((l) => l.level === 'error' && (l.obj as { errcode?: number }).errcode === 40125)).toBe(true);
  });
});

describe('request validation (400 naming the field, WeChat never called)', () => {
  it.each([
    ['/auth/wx-login', {}, 'body.code'],
    ['/auth/wx-login', { code: '' }, 'body.code'],
    ['/auth/wx-login', { code: 'has space' }, 'body.code'],
    ['/auth/wx-login', { code: 'x'.repeat(129) }, 'body.code'],
    ['/auth/wx-login', { code: 12345 }, 'body.code'],
    ['/auth/staff/wx-login', {}, 'body.code'],
    ['/auth/staff/wx-login', { code: '中文' }, 'body.code'],
    ['/auth/dev-login', {}, 'body.name'],
    ['/auth/dev-login', { name: 'a b' }, 'body.name'],
    ['/auth/dev-login', { name: 'x'.repeat(33) }, 'body.name'],
    ['/auth/staff-login', {}, 'body.username'],
    ['/auth/staff-login', { username: 'mz_staff' }, 'body.password'],
    ['/auth/staff-login', { username: '   ', password: 'x' }, 'body.username'],
    ['/auth/staff-login', { username: 'mz_staff', password: '' }, 'body.password'],
    ['/auth/staff-login', { username: 'mz_staff', password: 'x'.repeat(201) }, 'body.password'],
    ['/auth/staff-login', { username: 'u'.repeat(65), password: 'x' }, 'body.username'],
  ])('%s with %j → 400 %s', async (path, json, field) => {
    const before = wx.requests.length;
    const res = await post(path, json);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues[0].field).toBe(field);
    expect(res.body.error.message).toContain(field);
    expect(wx.requests.length).toBe(before);
  });

  it('bind-wechat checks the token first, then names the field', async () => {
    const anonymous = await post('/auth/staff/bind-wechat', {});
    expect(anonymous.status).toBe(401);
    const token = await loginStaff(ctx.app, 'editor');
    const res = await post('/auth/staff/bind-wechat', {}, { token });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].field).toBe('body.code');
  });

  it('refuses malformed JSON and a missing body', async () => {
    const malformed = await call('POST', '/auth/staff-login', { raw: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_BODY');
    const empty = await call('POST', '/auth/wx-login');
    expect(empty.status).toBe(400);
  });
});

const headerNames = (h: Headers) => {
  const names: string[] = [];
  h.forEach((_v, name) => names.push(name));
  return names.sort();
};

describe('POST /api/auth/dev-login', () => {
  it('maps a name to openid dev:<name>, creating the citizen on first login', async () => {
    const a = await post('/auth/dev-login', { name: '张三' });
    expect(a.status).toBe(200);
    expect(a.body.user).toEqual({ kind: 'citizen', id: expect.any(Number) });
    const row = await ctx.db.select().from(citizens).where(eq(citizens.id, a.body.user.id)).get();
    expect(row?.openid).toBe('dev:张三');
    const b = await post('/auth/dev-login', { name: '张三' });
    expect(b.body.user.id).toBe(a.body.user.id);
    const c = await post('/auth/dev-login', { name: 'li-si' });
    expect(c.body.user.id).not.toBe(a.body.user.id);
  });

  it('the test helper logs a citizen in', async () => {
    const token = await loginCitizen(ctx.app, 'helper_citizen');
    const me = await call('GET', '/auth/me', { token });
    expect(me.body.kind).toBe('citizen');
  });

  it.each([
    ['in production, even with the flag', { production: true, devLogin: true }],
    ['without the flag', { production: false, devLogin: false }],
  ])('answers like a route that does not exist %s, before validating the body', async (_label, flags) => {
    const off = await otherContext((c) => ({ ...c, ...flags }));
    const unknown = await callOn(off.app, 'POST', '/auth/no-such-route', { json: { name: 'x' } });
    for (const json of [{ name: 'alice' }, {}, { name: 'a b' }]) {
      const res = await callOn(off.app, 'POST', '/auth/dev-login', { json });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
      expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: defaultErrorMessages.ROUTE_NOT_FOUND } });
      expect(headerNames(res.headers)).toEqual(headerNames(unknown.headers));
    }
    expect(await off.db.select().from(citizens)).toEqual([]);
  });
});

describe('POST /api/auth/staff-login', () => {
  it('logs in with the demo password and returns the staff view', async () => {
    const res = await post('/auth/staff-login', { username: 'mz_staff', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      kind: 'staff',
      id: expect.any(Number),
      username: 'mz_staff',
      name: '李娟',
      role: 'staff',
      department: { id: expect.any(Number), name: '清溪县民政局' },
      wechatBound: false,
    });
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(ctx.config.staffTokenTtlSeconds * 1000 - 60_000);
    expect(res.text).not.toMatch(/scrypt|password/i);

    expect(res.headers.get('cache-control')).toBe('no-store');

    const me = await call('GET', '/auth/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.user);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('takes the username in any case and with surrounding spaces', async () => {
    const res = await post('/auth/staff-login', { username: '  RS_Staff ', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'rs_staff', department: { name: '清溪县人力资源和社会保障局' } });
  });

  it('has a login for every role; the test helper reuses a valid token', async () => {
    for (const role of ['staff', 'supervisor', 'editor', 'admin'] as const) {
      const account = demoAccounts.find((a) => a.role === role)!;
      const token = await loginStaff(ctx.app, account.username);
      const me = await call('GET', '/auth/me', { token });
      expect(me.body).toMatchObject({ kind: 'staff', role, username: account.username });
    }
    expect(await loginStaff(ctx.app, 'admin')).toBe(await loginStaff(ctx.app, 'admin'));
  });

  it('answers a wrong password, an unknown user and a disabled account identically', async () => {
    await addAccounts([{ username: 'gone_staff', displayName: '已停用', role: 'staff', department: 'mzj' }]);
    await withTransaction(ctx.db, (tx) => tx.update(staffUsers).set({ active: false }).where(eq(staffUsers.username, 'gone_staff')));

    const wrong = await post('/auth/staff-login', { username: 'mz_staff', password: WRONG_PASSWORD });
    const unknown = await post('/auth/staff-login', { username: 'nobody_here', password: WRONG_PASSWORD });
    const disabled = await post('/auth/staff-login', { username: 'gone_staff', password: DEMO_PASSWORD });
    for (const res of [wrong, unknown, disabled]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });
    }
  });

  it('holds back the address guessing an account while its owner, elsewhere, gets in and is told of the wrong tries', async () => {
    await addAccounts([{ username: 'lock_acct', displayName: '锁定测试', role: 'staff', department: 'rsj' }]);
    ctx.clock.set('2026-03-02T01:00:00.000Z');
    const attacker = '198.51.100.23';
    const owner = '192.0.2.44';
    const limit = ctx.config.limits.loginPerAddressPerAccountPer15Min;
    for (let i = 0; i < limit; i++) {
      const res = await post('/auth/staff-login', { username: 'lock_acct', password: WRONG_PASSWORD }, { ip: attacker });
      expect(res.status).toBe(401);
    }
    // The attacker's address is held back, even with the right password…
    const held = await post('/auth/staff-login', { username: 'lock_acct', password: DEMO_PASSWORD }, { ip: attacker });
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe('RATE_LIMITED');
    expect(Number(held.headers.get('retry-after'))).toBe(15 * 60);
    // …and still is ten minutes later (case does not matter: usernames are lower-cased).
    ctx.clock.advance(10 * 60_000);
    const stillHeld = await post('/auth/staff-login', { username: 'LOCK_ACCT', password: WRONG_PASSWORD }, { ip: attacker });
    expect(stillHeld.status).toBe(429);
    expect(Number(stillHeld.headers.get('retry-after'))).toBe(5 * 60);

    // Meanwhile the owner at their own address gets in at once, and is told.
    const mine = await post('/auth/staff-login', { username: 'lock_acct', password: DEMO_PASSWORD }, { ip: owner });
    expect(mine.status).toBe(200);
    expect(mine.body.failedLogins).toEqual({ count: limit, lastAt: '2026-03-02T01:00:00.000Z' });
    expect(failedLoginText(mine.body.failedLogins, '3月2日 9:00')).toContain(`输错了 ${limit} 次密码`);
    // Told once: the tally starts again after a sign-in.
    const again = await post('/auth/staff-login', { username: 'lock_acct', password: DEMO_PASSWORD }, { ip: owner });
    expect(again.status).toBe(200);
    expect(again.body.failedLogins).toBeUndefined();

    // Rotating addresses gets each one its own small allowance, all of them tallied on the account.
    for (let i = 0; i < 5; i++) {
      expect((await post('/auth/staff-login', { username: 'lock_acct', password: WRONG_PASSWORD })).status).toBe(401);
    }
    ctx.clock.advance(5 * 60_000 + 1_000);
    const after = await post('/auth/staff-login', { username: 'lock_acct', password: DEMO_PASSWORD }, { ip: attacker });
    expect(after.status).toBe(200);
    expect(after.body.failedLogins.count).toBe(5);
    expect(logs.some((l) => (l.obj as { event?: string }).event === 'staff_login_limited')).toBe(true);
    expect(
      logs.some(
        (l) =>
          (l.obj as { event?: string; failedLogins?: number }).event === 'staff_login_failures' &&
          (l.obj as { failedLogins?: number }).failedLogins === 10,
      ),
    ).toBe(true);
  });

  it('gives back the hits of a right password: a shared address is held back only by wrong ones', async () => {
    ctx.clock.set('2026-03-04T01:00:00.000Z');
    const hall = '203.0.113.77';
    for (let i = 0; i < ctx.config.limits.loginPerAddressPerAccountPer15Min + 5; i++) {
      const res = await post('/auth/staff-login', { username: 'mz_staff', password: DEMO_PASSWORD }, { ip: hall });
      expect(res.status).toBe(200);
    }
  });

  it('locks a client address after the per-IP limit, whatever the username', async () => {
    ctx.clock.set('2026-03-03T01:00:00.000Z');
    const ip = '203.0.113.9';
    const limit = ctx.config.limits.loginPerIpPer15Min;
    for (let i = 0; i < limit; i++) {
      const res = await post('/auth/staff-login', { username: `guess_${i}`, password: WRONG_PASSWORD }, { ip });
      expect(res.status).toBe(401);
    }
    const locked = await post('/auth/staff-login', { username: 'mz_staff2', password: DEMO_PASSWORD }, { ip });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Proxy-appended address is the one that counts: a spoofed first entry does not get around the limit.
    const spoofed = await post('/auth/staff-login', { username: 'mz_staff2', password: DEMO_PASSWORD }, { ip: `1.2.3.4, ${ip}` });
    expect(spoofed.status).toBe(429);
    // The account itself is not locked: another address gets in.
    const elsewhere = await post('/auth/staff-login', { username: 'mz_staff2', password: DEMO_PASSWORD });
    expect(elsewhere.status).toBe(200);
  });
});

describe('tokens', () => {
  const key = (secret: string) => new TextEncoder().encode(secret);
  async function forge(
    claims: Record<string, unknown>,
    o: { sub: string; secret?: string; alg?: string; iss?: string; aud?: string; exp?: string | null },
  ) {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: o.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(o.sub)
      .setIssuer(o.iss ?? TOKEN_ISSUER)
      .setAudience(o.aud ?? TOKEN_AUDIENCE)
      .setIssuedAt();
    if (o.exp !== null) jwt = jwt.setExpirationTime(o.exp ?? '1h');
    return jwt.sign(key(o.secret ?? ctx.config.jwtSecret));
  }

  it('a staff token expires after its TTL (checked against the app clock)', async () => {
    ctx.clock.set('2026-04-01T00:00:00.000Z');
    const res = await post('/auth/staff-login', { username: 'supervisor', password: DEMO_PASSWORD });
    const token = res.body.token;
    expect(res.body.expiresAt).toBe(
      new Date(Date.parse('2026-04-01T00:00:00.000Z') + ctx.config.staffTokenTtlSeconds * 1000).toISOString(),
    );
    ctx.clock.advance(ctx.config.staffTokenTtlSeconds * 1000 - 1_000);
    expect((await call('GET', '/auth/me', { token })).status).toBe(200);
    ctx.clock.advance(2_000);
    const expired = await call('GET', '/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
    expect(expired.body.error.message).toMatch(/过期/);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a citizen token expires after its TTL', async () => {
    ctx.clock.set('2026-04-01T00:00:00.000Z');
    const { body } = await post('/auth/dev-login', { name: 'expiring' });
    ctx.clock.advance(ctx.config.citizenTokenTtlSeconds * 1000 + 1_000);
    expect((await call('GET', '/auth/me', { token: body.token })).status).toBe(401);
  });

  it('refuses a missing, malformed, tampered, unsigned or foreign token with 401', async () => {
    const good = (await post('/auth/staff-login', { username: 'admin', password: DEMO_PASSWORD })).body;
    const id = String(good.user.id);
    const [header, payload, signature] = good.token.split('.') as [string, string, string];
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: '1' })).toString(
      'base64url',
    );
    const unsigned = new UnsecuredJWT({ kind: 'staff' })
      .setSubject(id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();

    const cases: Array<[string, Record<string, string>]> = [
      ['no header', {}],
      ['not a bearer', { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` }],
      ['garbage', { authorization: 'Bearer not-a-token' }],
      ['flipped signature', { authorization: `Bearer ${header}.${payload}.${flipped}` }],
      ['edited payload', { authorization: `Bearer ${header}.${otherPayload}.${signature}` }],
      ['alg none', { authorization: `Bearer ${unsigned}` }],
      [
        'another secret',
        { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: id, secret: 'another-secret-another-secret-another-1234' })}` },
      ],
      ['HS512 with our secret', { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: id, alg: 'HS512' })}` }],
      ['other issuer', { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: id, iss: 'someone-else' })}` }],
      ['other audience', { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: id, aud: 'other-api' })}` }],
      ['no expiry', { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: id, exp: null })}` }],
      ['unknown kind', { authorization: `Bearer ${await forge({ kind: 'admin' }, { sub: id })}` }],
      ['no such staff', { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: '999999' })}` }],
      ['oversized', { authorization: `Bearer ${'a'.repeat(5000)}` }],
    ];
    for (const [label, headers] of cases) {
      const res = await call('GET', '/auth/me', { headers });
      expect(res.status, label).toBe(401);
      expect(res.body.error.code, label).toBe('UNAUTHENTICATED');
    }
    // The forged-but-correct control passes, so the refusals above are about what was changed.
    const control = await call('GET', '/auth/me', { headers: { authorization: `Bearer ${await forge({ kind: 'staff' }, { sub: id })}` } });
    expect(control.status).toBe(200);
  });

  it('a disabled staff account loses access at once', async () => {
    await addAccounts([{ username: 'soon_gone', displayName: '即将停用', role: 'editor', department: null }]);
    const token = (await post('/auth/staff-login', { username: 'soon_gone', password: DEMO_PASSWORD })).body.token;
    expect((await call('GET', '/auth/me', { token })).status).toBe(200);
    await withTransaction(ctx.db, (tx) => tx.update(staffUsers).set({ active: false }).where(eq(staffUsers.username, 'soon_gone')));
    expect((await call('GET', '/auth/me', { token })).status).toBe(401);
  });

  it('a citizen token never passes on a staff route (403)', async () => {
    const citizen = await loginCitizen(ctx.app, 'not_staff');
    const res = await post('/auth/staff/bind-wechat', { code: wx.issueCode(newOpenid()) }, { token: citizen });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('auth middleware (requireCitizen, requireStaff, clientIp)', () => {
  function probe(trustProxy = true) {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set('db', ctx.db);
      c.set('config', { ...ctx.config, trustProxy });
      c.set('now', ctx.clock.now);
      await next();
    });
    app.get('/citizen', requireCitizen, (c) => c.json(c.var.citizen));
    app.get('/oversight', requireStaff('supervisor', 'admin'), (c) => c.json(c.var.staff));
    app.get('/ip', (c) => c.text(clientIp(c)));
    app.onError((err, c) =>
      err instanceof AppError ? c.json({ error: { code: err.code } }, err.status) : c.json({ error: String(err) }, 500),
    );
    return app;
  }
  const get = async (app: Hono<AppEnv>, path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
  };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('requireCitizen sets c.var.citizen and refuses staff tokens', async () => {
    const app = probe();
    const citizen = await get(app, '/citizen', auth(await loginCitizen(ctx.app, 'probe')));
    expect(citizen).toEqual({ status: 200, body: { kind: 'citizen', id: expect.any(Number), openid: 'dev:probe' } });
    expect((await get(app, '/citizen', auth(await loginStaff(ctx.app, 'mz_staff')))).status).toBe(403);
    expect((await get(app, '/citizen')).status).toBe(401);
  });

  it('requireStaff(roles) sets c.var.staff and refuses other roles and citizens', async () => {
    const app = probe();
    const sup = await get(app, '/oversight', auth(await loginStaff(ctx.app, 'supervisor')));
    expect(sup.status).toBe(200);
    expect(sup.body).toEqual({ kind: 'staff', id: expect.any(Number), role: 'supervisor', departmentId: null, name: '陈立新' });
    expect((await get(app, '/oversight', auth(await loginStaff(ctx.app, 'admin')))).status).toBe(200);
    expect(await get(app, '/oversight', auth(await loginStaff(ctx.app, 'mz_staff')))).toEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect((await get(app, '/oversight', auth(await loginCitizen(ctx.app, 'probe')))).status).toBe(403);
  });

  it('a role change takes effect on the next request', async () => {
    await addAccounts([{ username: 'promoted', displayName: '晋升', role: 'staff', department: 'mzj' }]);
    const token = await loginStaff(ctx.app, 'promoted');
    const app = probe();
    expect((await get(app, '/oversight', auth(token))).status).toBe(403);
    await withTransaction(ctx.db, (tx) => tx.update(staffUsers).set({ role: 'supervisor' }).where(eq(staffUsers.username, 'promoted')));
    expect((await get(app, '/oversight', auth(token))).status).toBe(200);
  });

  it('clientIp takes the last X-Forwarded-For entry only behind a trusted proxy', async () => {
    expect((await get(probe(true), '/ip', { 'x-forwarded-for': '1.1.1.1, 192.0.2.8' })).body).toBe('192.0.2.8');
    expect((await get(probe(false), '/ip', { 'x-forwarded-for': '1.1.1.1' })).body).toBe('unknown');
  });
});

describe('staff WeChat binding', () => {
  it('binds with a staff token and a code, then logs in from the mini-program with a code alone', async () => {
    const openid = newOpenid();
    const token = await loginStaff(ctx.app, 'rs_staff');
    const bound = await post('/auth/staff/bind-wechat', { code: wx.issueCode(openid) }, { token });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ kind: 'staff', username: 'rs_staff', wechatBound: true });
    expect(bound.text).not.toContain(openid);

    const login = await post('/auth/staff/wx-login', { code: wx.issueCode(openid) });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ kind: 'staff', username: 'rs_staff', role: 'staff', wechatBound: true });
    const me = await call('GET', '/auth/me', { token: login.body.token });
    expect(me.body.username).toBe('rs_staff');

    // The same WeChat identity logging in as a citizen stays a citizen: the two never mix.
    const asCitizen = await post('/auth/wx-login', { code: wx.issueCode(openid) });
    expect(asCitizen.body.user.kind).toBe('citizen');
  });

  it('refuses the mini-program staff login for a WeChat identity nobody bound', async () => {
    const res = await post('/auth/staff/wx-login', { code: wx.issueCode(newOpenid()) });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/还没有绑定/);
  });

  it('refuses to bind a WeChat identity another staff member already bound (409)', async () => {
    const openid = newOpenid();
    const first = await post('/auth/staff/bind-wechat', { code: wx.issueCode(openid) }, { token: await loginStaff(ctx.app, 'mz_staff') });
    expect(first.status).toBe(200);
    const second = await post('/auth/staff/bind-wechat', { code: wx.issueCode(openid) }, { token: await loginStaff(ctx.app, 'mz_staff2') });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    // Binding again to the same account is fine (a new phone, the same WeChat).
    const again = await post('/auth/staff/bind-wechat', { code: wx.issueCode(openid) }, { token: await loginStaff(ctx.app, 'mz_staff') });
    expect(again.status).toBe(200);
  });

  it('passes WeChat errors through on binding', async () => {
    const res = await post('/auth/staff/bind-wechat', { code: wx.failingCode(40226) }, { token: await loginStaff(ctx.app, 'editor') });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/安全风险/);
  });
});

describe('rate-limit service', () => {
  it('counts hits in a fixed window and starts over when it ends or the clock goes back', async () => {
    const t0 = Date.parse('2026-05-01T00:00:00.000Z');
    const hit = (ms: number) => hitRateLimit(ctx.db, 'test:window', 3, 60_000, new Date(t0 + ms));
    expect(await hit(0)).toEqual({ allowed: true, count: 1, limit: 3, resetAt: t0 + 60_000, retryAfterSeconds: 60 });
    expect((await hit(10_000)).count).toBe(2);
    expect((await hit(20_000)).allowed).toBe(true);
    expect(await hit(30_500)).toEqual({ allowed: false, count: 4, limit: 3, resetAt: t0 + 60_000, retryAfterSeconds: 30 });
    expect(await hit(60_000)).toMatchObject({ allowed: true, count: 1, resetAt: t0 + 120_000 });
    expect(await hit(-5_000)).toMatchObject({ allowed: true, count: 1 });
  });

  it('never gives two concurrent hits the same count', async () => {
    const now = new Date();
    const hits = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(ctx.db, 'test:concurrent', 10, 60_000, now)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(hits.filter((h) => h.allowed)).toHaveLength(10);
  });

  it('works inside an outer transaction and rolls back with it', async () => {
    await expect(
      withTransaction(ctx.db, async (tx) => {
        expect((await hitRateLimit(tx, 'test:tx', 5, 60_000, new Date())).count).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await ctx.db.select().from(rateLimits).where(eq(rateLimits.key, 'test:tx'))).toEqual([]);
  });
});

describe('demo accounts', () => {
  it('are seeded once, flagged, and listed by demoAccountsInUse until their password changes', async () => {
    const inUse = await demoAccountsInUse(ctx.db);
    expect(inUse).toEqual(expect.arrayContaining(demoAccounts.map((a) => a.username)));
    expect(inUse).not.toContain('gone_staff'); // disabled accounts do not count
    expect(await seedDemoAccounts(ctx.db, testPasswords)).toBe(0);

    const rows = await ctx.db.select().from(staffUsers);
    const byName = new Map(rows.map((r) => [r.username, r]));
    for (const a of demoAccounts) expect(byName.get(a.username)).toMatchObject({ role: a.role, demoPassword: true, active: true });
    expect(new Set(demoAccounts.filter((a) => a.role === 'staff').map((a) => a.department)).size).toBeGreaterThanOrEqual(2);

    await addAccounts([{ username: 'pw_change', displayName: '改密', role: 'staff', department: 'mzj' }]);
    expect(
      await setStaffPassword({
        ctx: { db: ctx.db, passwords: testPasswords, now: ctx.clock.now() },
        input: { username: 'pw_change', password: 'a-real-password-123' },
      }),
    ).toBe(true);
    expect(await demoAccountsInUse(ctx.db)).not.toContain('pw_change');
    expect((await post('/auth/staff-login', { username: 'pw_change', password: 'a-real-password-123' })).status).toBe(200);
    expect((await post('/auth/staff-login', { username: 'pw_change', password: DEMO_PASSWORD })).status).toBe(401);
  });

  it('production refuses to start while a demo password is in use, naming the accounts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zw-start-'));
    try {
      const env = parseEnv({
        NODE_ENV: 'production',
        LIBSQL_URL: `file:${join(dir, 'prod.db')}`,
        JWT_SECRET: 'a-production-secret-of-at-least-32-chars!!',
        CONTACT_KEY: Buffer.alloc(32, 7).toString('base64'),
        PUBLIC_BASE_URL: 'https://zw.example.cn',
        PORT: '0',
        STATIC_DIR: '',
        UPLOAD_DIR: join(dir, 'uploads'),
      });
      await expect(start(env, logger)).rejects.toThrow(/演示密码[\s\S]*mz_staff[\s\S]*supervisor/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('OpenAPI document', () => {
  it('describes the auth routes and the bearer scheme', async () => {
    // Not through call(): the document mentions session_key in prose, which would trip the last test.
    const body = (await (await ctx.app.request('/api/openapi.json')).json()) as any;
    for (const path of [
      '/api/auth/wx-login',
      '/api/auth/dev-login',
      '/api/auth/staff-login',
      '/api/auth/staff/bind-wechat',
      '/api/auth/staff/wx-login',
    ]) {
      expect(body.paths, path).toHaveProperty([path, 'post']);
    }
    expect(body.paths).toHaveProperty(['/api/auth/me', 'get']);
    expect(body.paths['/api/auth/me'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

// Last: looks at everything the file made the app log and answer.
describe('secrets stay on the server', () => {
  it('no log line or response holds the AppSecret, a session_key, a token, a password or a WeChat openid', async () => {
    // The checks below only mean something if the secrets did travel to WeChat and come back.
    expect(wx.sessionKeys.length).toBeGreaterThan(5);
    expect(wx.requests.some((r) => r.query.secret === wx.appSecret)).toBe(true);
    expect(logs.length).toBeGreaterThan(20);
    expect(tokens.length).toBeGreaterThan(10);

    const logText = logs.map((l) => JSON.stringify(l.obj) + (l.msg ?? '')).join('\n');
    const answerText = responses.join('\n');
    for (const secret of [wx.appSecret, WRONG_SECRET, ...wx.sessionKeys]) {
      expect(logText.includes(secret), 'log holds a secret').toBe(false);
      expect(answerText.includes(secret), 'response holds a secret').toBe(false);
    }
    for (const token of tokens) expect(logText.includes(token), 'log holds a token').toBe(false);
    for (const word of [DEMO_PASSWORD, WRONG_PASSWORD, 'a-real-password-123', 'wx-openid-', 'dev:', 'session_key', 'secret=']) {
      expect(logText.includes(word), `log holds ${word}`).toBe(false);
    }
    expect(answerText.includes('wx-openid-'), 'response holds an openid').toBe(false);
    expect(answerText.includes('session_key')).toBe(false);
  });
});
