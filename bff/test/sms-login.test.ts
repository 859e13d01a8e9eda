import { createClient } from '@libsql/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMS_LIMITS } from '../src/services/auth/phone';
import type { Logger } from '../src/lib/logger';
import { bearer, createTestContext, getJson, loginCitizen, type TestContext } from './helpers';
import { smsConfigFor, startTencentSmsDouble, type TencentSmsDouble } from './support/tencent-sms-server';

/**
 * The browser build's production sign-in: phone + SMS code, through the real
 * Tencent adapter to a local server that follows Tencent's contract (and
 * checks the TC3 signature).
 */
let sms: TencentSmsDouble;
let ctx: TestContext;
const logged: string[] = [];
const logger: Logger = {
  info: (o, m) => logged.push(JSON.stringify([o, m])),
  warn: (o, m) => logged.push(JSON.stringify([o, m])),
  error: (o, m) => logged.push(JSON.stringify([o, m])),
};

let ipSeq = 0;
/** Each test from its own client address unless told, so the per-address limits do not leak between tests. */
let ip = '';
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as any };
};
const askCode = (phone: string) => post('/api/auth/sms/code', { phone });
const login = (phone: string, code: string) => post('/api/auth/sms/login', { phone, code });
const codeOf = (phone: string) => sms.lastParamsFor(phone, '100001')![0]!;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeAll(async () => {
  sms = await startTencentSmsDouble();
  ctx = await createTestContext({ logger, env: { TRUST_PROXY: 'true' }, config: (c) => ({ ...c, sms: smsConfigFor(sms) }) });
});
afterAll(async () => {
  ctx.cleanup();
  await sms.close();
});
beforeEach(() => {
  ip = `198.51.100.${++ipSeq}`;
  ctx.clock.real();
});

describe('SMS sign-in', () => {
  it('sends a 6-digit code through Tencent (signature checked) and signs the citizen in with it', async () => {
    const r = await askCode('138 0013 8001');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    expect(r.headers.get('cache-control')).toBe('no-store');
    const params = sms.lastParamsFor('13800138001', '100001')!;
    expect(params[0]).toMatch(/^\d{6}$/);
    expect(params[1]).toBe('5');
    const ok = await login('13800138001', params[0]!);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ kind: 'citizen', phoneMasked: '138****8001' });
    const me = await getJson(ctx.app, '/api/auth/me', bearer(ok.body.token));
    expect(me.body).toMatchObject({ kind: 'citizen', id: ok.body.user.id, phoneMasked: '138****8001' });
  });

  it('the same phone is the same citizen on every sign-in; the code is single use', async () => {
    await askCode('13800138002');
    const code = codeOf('13800138002');
    const first = await login('13800138002', code);
    expect(first.status).toBe(200);
    expect((await login('13800138002', code)).body.error.code).toBe('SMS_CODE_INVALID');
    ctx.clock.advance(61_000);
    await askCode('13800138002');
    const again = await login('13800138002', codeOf('13800138002'));
    expect(again.body.user.id).toBe(first.body.user.id);
  });

  it('refuses wrong, expired and superseded codes with one answer', async () => {
    await askCode('13800138003');
    const code = codeOf('13800138003');
    const bad = await login('13800138003', wrong(code));
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatchObject({ code: 'SMS_CODE_INVALID', message: '验证码不正确或已失效，请重新获取' });
    // A new code makes the old one unusable.
    ctx.clock.advance(61_000);
    await askCode('13800138003');
    expect((await login('13800138003', code)).status).toBe(401);
    const fresh = codeOf('13800138003');
    // Expired after 5 minutes.
    ctx.clock.advance(301_000);
    expect((await login('13800138003', fresh)).status).toBe(401);
    // No code was ever sent to this phone: the same answer.
    const none = await login('13900000000', '123456');
    expect(none.status).toBe(401);
    expect(none.body.error.message).toBe(bad.body.error.message);
  });

  it('a code dies after 5 wrong tries, even before the right one', async () => {
    await askCode('13800138004');
    const code = codeOf('13800138004');
    for (let i = 0; i < 5; i++) expect((await login('13800138004', wrong(code))).status).toBe(401);
    expect((await login('13800138004', code)).status).toBe(401);
  });

  it('stores the code only as a hash, and logs neither phone nor code', async () => {
    await askCode('13800138005');
    const code = codeOf('13800138005');
    const db = createClient({ url: ctx.url });
    const rows = (await db.execute('SELECT * FROM sms_codes')).rows;
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain('13800138005');
    await login('13800138005', code);
    const logs = logged.join('\n');
    expect(logs).not.toContain('13800138005');
    expect(logs).not.toContain(code);
    expect(logs).not.toContain(sms.secretKey);
  });

  it('refuses malformed phones and codes in Chinese (400), accepting spaces and +86', async () => {
    for (const phone of ['1380013800', '138001380000', '23800138000', '1380013800a', '0797-6321001', '', 12345]) {
      const r = await askCode(phone as string);
      expect(r.status, String(phone)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toMatch(/手机号/);
    }
    expect((await askCode('+86 138-0013-8006')).status).toBe(200);
    expect(sms.lastParamsFor('13800138006')).not.toBeNull();
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      const r = await login('13800138006', code);
      expect(r.status, code).toBe(400);
      expect(r.body.error.message).toMatch(/验证码/);
    }
    expect((await post('/api/auth/sms/code', 'not json')).status).toBe(400);
  });

  it('limits sending: one code a minute per phone (Retry-After), a few an hour, and per client address', async () => {
    expect((await askCode('13800138007')).status).toBe(200);
    const soon = await askCode('13800138007');
    expect(soon.status).toBe(429);
    expect(soon.body.error.code).toBe('RATE_LIMITED');
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(soon.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Per hour: after the per-minute window, still at most perPhonePerHour codes.
    ctx.clock.set(new Date(Date.now() + 3600_000 * 5).toISOString());
    let sent = 0;
    for (let i = 0; i < SMS_LIMITS.perPhonePerHour + 2; i++) {
      ip = `203.0.113.${i + 1}`;
      if ((await askCode('13800138008')).status === 200) sent++;
      ctx.clock.advance(61_000);
    }
    expect(sent).toBe(SMS_LIMITS.perPhonePerHour);
    // Per client address: many phones from one address.
    ip = '192.0.2.77';
    let fromOne = 0;
    for (let i = 0; i < SMS_LIMITS.perIpPerHour + 2; i++) if ((await askCode(`137${String(i).padStart(8, '0')}`)).status === 200) fromOne++;
    expect(fromOne).toBe(SMS_LIMITS.perIpPerHour);
  });

  it('answers the same for a known and an unknown phone', async () => {
    await askCode('13800138009');
    await login('13800138009', codeOf('13800138009'));
    ctx.clock.advance(61_000);
    const known = await askCode('13800138009');
    const unknown = await askCode('13800138010');
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
  });

  it('limits code checks per client address across phones (brute force)', async () => {
    let refused = 0;
    for (let i = 0; i < SMS_LIMITS.verifyPerIpPer15Min + 3; i++) {
      const r = await login(`136${String(i).padStart(8, '0')}`, '000000');
      if (r.status === 429) refused++;
    }
    expect(refused).toBe(3);
  });

  it('a provider failure answers 503 and leaves no usable code', async () => {
    sms.failNext({ code: 'FailedOperation.TemplateIncorrectOrUnapproved' });
    const r = await askCode('13800138011');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('SMS_UNAVAILABLE');
    const db = createClient({ url: ctx.url });
    const before = Number((await db.execute('SELECT count(*) AS n FROM sms_codes')).rows[0]!.n);
    sms.failNext({ status: 500 });
    ctx.clock.advance(61_000);
    expect((await askCode('13800138011')).status).toBe(503);
    expect(Number((await db.execute('SELECT count(*) AS n FROM sms_codes')).rows[0]!.n)).toBe(before);
    db.close();
  });

  it('a WeChat citizen who verifies the phone of a browser citizen becomes one person with their cases', async () => {
    // The browser citizen signs in by SMS and leaves a message.
    await askCode('13800138012');
    const browser = await login('13800138012', codeOf('13800138012'));
    const depts = await getJson(ctx.app, '/api/departments');
    const dept = depts.body.data[0].id;
    const submitted = await post(
      '/api/cases',
      { type: '咨询', target: { type: 'department', id: dept }, content: '请问老年人优待证在哪里办理，需要带什么材料？', anonymous: true },
      { ...bearer(browser.body.token), 'idempotency-key': 'merge-test-0000000001' },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    // The same person in WeChat (a development identity stands in for the openid here).
    const wechat = await loginCitizen(ctx.app, 'merge-wechat-user');
    expect((await getJson(ctx.app, '/api/cases/mine', bearer(wechat))).body.data).toHaveLength(0);
    ctx.clock.advance(61_000);
    await askCode('13800138012');
    const verified = await post('/api/auth/phone/verify', { phone: '13800138012', code: codeOf('13800138012') }, bearer(wechat));
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ kind: 'citizen', phoneMasked: '138****8012' });
    const mine = await getJson(ctx.app, '/api/cases/mine', bearer(wechat));
    expect(mine.body.data.map((c: any) => c.trackingNo)).toEqual([submitted.body.trackingNo]);
    // Signing in by SMS again now lands on the WeChat citizen.
    ctx.clock.advance(61_000);
    await askCode('13800138012');
    const again = await login('13800138012', codeOf('13800138012'));
    expect(again.body.user.id).toBe(verified.body.id);
  });

  it('refuses a phone another WeChat identity verified (PHONE_TAKEN), and a verify without a token', async () => {
    const a = await loginCitizen(ctx.app, 'taken-a');
    const b = await loginCitizen(ctx.app, 'taken-b');
    await askCode('13800138013');
    expect((await post('/api/auth/phone/verify', { phone: '13800138013', code: codeOf('13800138013') }, bearer(a))).status).toBe(200);
    ctx.clock.advance(61_000);
    await askCode('13800138013');
    const taken = await post('/api/auth/phone/verify', { phone: '13800138013', code: codeOf('13800138013') }, bearer(b));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('PHONE_TAKEN');
    expect((await post('/api/auth/phone/verify', { phone: '13800138013', code: '123456' })).status).toBe(401);
  });

  it('says which sign-ins exist', async () => {
    expect((await getJson(ctx.app, '/api/auth/methods')).body).toEqual({ devLogin: true, sms: true, wechat: false });
  });
});

describe('SMS sign-in without a provider', () => {
  it('answers 503 SMS_UNAVAILABLE, and production offers no development login', async () => {
    const bare = await createTestContext({
      seed: false,
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        CONTACT_KEY: Buffer.alloc(32, 7).toString('base64'),
        PUBLIC_BASE_URL: 'https://zw.example.gov.cn',
        DEV_LOGIN: 'false',
      },
    });
    try {
      const r = await bare.app.request('/api/auth/sms/code', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '13800138000' }),
      });
      expect(r.status).toBe(503);
      expect(((await r.json()) as any).error.code).toBe('SMS_UNAVAILABLE');
      expect((await getJson(bare.app, '/api/auth/methods')).body).toEqual({ devLogin: false, sms: false, wechat: false });
      const dev = await bare.app.request('/api/auth/dev-login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"x"}',
      });
      expect(dev.status).toBe(404);
    } finally {
      bare.cleanup();
    }
  });
});
