import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../src/db/schema';
import { withTransaction } from '../src/db/tx';
import type { Logger } from '../src/lib/logger';
import type { AppConfig } from '../src/lib/ports';
import { enqueueNotification, type CaseAnsweredPayload, type CaseAssignedPayload } from '../src/services/notifications/outbox';
import {
  createWechatClient,
  shanghaiTime,
  thing,
  wechatClientFromConfig,
  type NotificationSender,
} from '../src/services/notifications/wechat';
import { backoffMs, claimDue, DEFAULT_LOCK_MS, deliverDue, startOutboxWorker } from '../src/services/notifications/worker';
import { createTestContext, type TestContext } from './helpers';
import { startSubscribeServer, wxError, type SubscribeServer } from './support/wechat-subscribe-server';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'S3CRET-app-secret-never-logged-7f3a9c';
const TPL_ANSWERED = 'TPL-ANSWERED-abc';
const TPL_ASSIGNED = 'TPL-ASSIGNED-xyz';
const CITIZEN = 'oCitizen_0001_abcdefghijklmn';
const STAFF = 'oStaff_0002_abcdefghijklmnop';
const T0 = '2026-11-23T02:00:00.000Z';

let ctx: TestContext;
let wx: SubscribeServer;

type LogCall = { level: 'info' | 'warn' | 'error'; obj: object; msg: string | undefined };
function captureLogger(): Logger & { calls: LogCall[]; text: () => string } {
  const calls: LogCall[] = [];
  const at = (level: LogCall['level']) => (obj: object, msg?: string) => void calls.push({ level, obj, msg });
  return {
    calls,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => JSON.stringify(calls, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v)),
  };
}

const answered = (over: Partial<CaseAnsweredPayload> = {}): CaseAnsweredPayload => ({
  caseId: 7,
  trackingNo: 'QX2611230007',
  title: '小区门口路灯坏了三个月一直没人修理，晚上出行很不方便',
  answeredAt: '2026-11-23T10:30:00.000Z',
  page: '/pages/case/index?id=7',
  ...over,
});
const assigned = (over: Partial<CaseAssignedPayload> = {}): CaseAssignedPayload => ({
  caseId: 8,
  trackingNo: 'QX2611230008',
  type: '投诉',
  departmentName: '县住房和城乡建设局',
  dueAt: '2026-12-10T16:00:00.000Z',
  page: '/pages/staff/case/index?id=8',
  ...over,
});

function client(
  opts: { timeoutMs?: number; templates?: Partial<Record<'case_answered' | 'case_assigned', string | null>> } = {},
): NotificationSender {
  return createWechatClient({
    apiBase: wx.url,
    appId: APP_ID,
    appSecret: SECRET,
    templates: opts.templates ?? { case_answered: TPL_ANSWERED, case_assigned: TPL_ASSIGNED },
    timeoutMs: opts.timeoutMs ?? 2_000,
    now: ctx.clock.now,
  });
}

async function enqueue(
  n: { kind: 'case_answered'; payload?: CaseAnsweredPayload } | { kind: 'case_assigned'; payload?: CaseAssignedPayload },
  recipient: string | null = CITIZEN,
) {
  return withTransaction(ctx.db, (tx) =>
    n.kind === 'case_answered'
      ? enqueueNotification(tx, { kind: n.kind, recipient, payload: n.payload ?? answered(), now: ctx.clock.now() })
      : enqueueNotification(tx, { kind: n.kind, recipient, payload: n.payload ?? assigned(), now: ctx.clock.now() }),
  );
}

async function row(id: number) {
  const [r] = await ctx.db.select().from(outbox).where(eq(outbox.id, id));
  if (!r) throw new Error(`no outbox row ${id}`);
  return r;
}

/** What another BFF instance (or any other client of the AppID) does: ask stable_token itself. */
async function otherInstanceToken(opts: { force?: boolean } = {}): Promise<string> {
  const res = await fetch(`${wx.url}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET, force_refresh: opts.force ?? false }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Sends a message as that other instance would, with its token: WeChat's errcode. */
async function otherInstanceSend(token: string): Promise<number> {
  const res = await fetch(`${wx.url}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      touser: STAFF,
      template_id: TPL_ASSIGNED,
      data: { character_string1: { value: 'X1' }, thing2: { value: '测试' }, time3: { value: '2026-11-23 10:00' } },
    }),
  });
  return ((await res.json()) as { errcode: number }).errcode;
}

const run = (sender: NotificationSender, logger: Logger = captureLogger(), extra: { batch?: number } = {}) =>
  deliverDue({ db: ctx.db, client: sender, logger, now: ctx.clock.now, ...extra });

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  wx = await startSubscribeServer({
    appId: APP_ID,
    secret: SECRET,
    templates: {
      [TPL_ANSWERED]: ['character_string1', 'thing2', 'phrase3', 'time4'],
      [TPL_ASSIGNED]: ['character_string1', 'thing2', 'time3'],
    },
    now: () => ctx.clock.now(),
  });
});
afterAll(async () => {
  await wx?.close();
  ctx?.cleanup();
});
beforeEach(async () => {
  wx.reset();
  ctx.clock.set(T0);
  await withTransaction(ctx.db, (tx) => tx.delete(outbox));
});

describe('enqueueNotification', () => {
  it('writes nothing when the transaction rolls back, so nothing is ever delivered', async () => {
    await expect(
      withTransaction(ctx.db, async (tx) => {
        await enqueueNotification(tx, { kind: 'case_answered', recipient: CITIZEN, payload: answered(), now: ctx.clock.now() });
        throw new Error('the case update failed');
      }),
    ).rejects.toThrow('the case update failed');
    expect(await ctx.db.select().from(outbox)).toEqual([]);
    expect(await run(client())).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0, unsubscribed: 0 });
    expect(wx.requests).toEqual([]);
  });

  it('writes no row for a recipient WeChat cannot reach: no bound openid, or a dev: login', async () => {
    expect(await enqueue({ kind: 'case_assigned' }, null)).toBeNull();
    expect(await enqueue({ kind: 'case_answered' }, 'dev:alice')).toBeNull();
    expect(await ctx.db.select().from(outbox)).toEqual([]);
  });

  it('writes a pending row, due now', async () => {
    const id = await enqueue({ kind: 'case_answered' });
    expect(await row(id!)).toMatchObject({
      kind: 'case_answered',
      recipient: CITIZEN,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: T0,
      createdAt: T0,
      lockedUntil: null,
    });
  });

  it('refuses a payload that does not match its kind (the caller’s change rolls back)', async () => {
    await expect(enqueue({ kind: 'case_assigned', payload: { ...assigned(), dueAt: 'tomorrow' } })).rejects.toThrow();
    expect(await ctx.db.select().from(outbox)).toEqual([]);
  });
});

describe('template data', () => {
  it('keeps thing values within 20 characters and formats times in Asia/Shanghai', () => {
    expect(thing('小区门口路灯坏了三个月一直没人修理，晚上出行很不方便')).toBe('小区门口路灯坏了三个月一直没人修理，晚…');
    expect(Array.from(thing('a'.repeat(40))).length).toBe(20);
    expect(thing('  两行\n标题 ')).toBe('两行 标题');
    expect(shanghaiTime('2026-11-23T16:30:00.000Z')).toBe('2026-11-24 00:30');
    expect(shanghaiTime('2026-11-24T00:30:00+08:00')).toBe('2026-11-24 00:30');
  });
});

describe('deliverDue', () => {
  it('delivers a committed row exactly once, with the right message and one token for several sends', async () => {
    const a = await enqueue({ kind: 'case_answered' });
    const b = await enqueue({ kind: 'case_assigned' }, STAFF);
    const c = await enqueue({ kind: 'case_answered', payload: answered({ caseId: 9, trackingNo: 'QX2611230009', title: '咨询' }) });
    const sender = client();

    expect(await run(sender)).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0, unsubscribed: 0 });
    expect(await run(sender)).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0, unsubscribed: 0 });
    ctx.clock.advance(3600_000);
    expect(await run(sender)).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0, unsubscribed: 0 });

    expect(wx.tokenRequests()).toHaveLength(1);
    expect(wx.tokenRequests()[0]).toMatchObject({ method: 'POST', query: {} });
    expect(wx.tokenRequests()[0]!.body).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET, force_refresh: false });
    expect(wx.sendRequests()).toHaveLength(3);
    for (const r of wx.sendRequests()) expect(r.query.access_token).toBe(wx.tokens[0]);
    expect(wx.delivered).toHaveLength(3);

    const toCitizen = wx.delivered.find((d) => d.data.character_string1?.value === 'QX2611230007');
    expect(toCitizen).toEqual({
      touser: CITIZEN,
      template_id: TPL_ANSWERED,
      page: 'pages/case/index?id=7',
      data: {
        character_string1: { value: 'QX2611230007' },
        thing2: { value: '小区门口路灯坏了三个月一直没人修理，晚…' },
        phrase3: { value: '已答复' },
        time4: { value: '2026-11-23 18:30' },
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    const toStaff = wx.delivered.find((d) => d.touser === STAFF);
    expect(toStaff).toMatchObject({
      template_id: TPL_ASSIGNED,
      page: 'pages/staff/case/index?id=8',
      data: {
        character_string1: { value: 'QX2611230008' },
        thing2: { value: '投诉·县住房和城乡建设局' },
        time3: { value: '2026-12-11 00:00' },
      },
    });

    for (const id of [a!, b!, c!])
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0, lockedUntil: null, lastError: null });
  });

  it('leaves the token another instance already holds valid: both use the one WeChat answers in normal mode', async () => {
    const theirs = await otherInstanceToken();
    await enqueue({ kind: 'case_answered' });
    await enqueue({ kind: 'case_assigned' }, STAFF);
    // Two instances of ours, each with its own cache.
    expect(await run(client())).toMatchObject({ sent: 2 });
    await enqueue({ kind: 'case_answered' });
    expect(await run(client())).toMatchObject({ sent: 1 });

    expect(wx.tokens).toEqual([theirs]);
    expect(wx.sendRequests().map((r) => r.query.access_token)).toEqual([theirs, theirs, theirs]);
    expect(await otherInstanceSend(theirs)).toBe(0);
    expect(await otherInstanceToken()).toBe(theirs);
    expect(wx.forcedRefreshes()).toEqual([]);
    expect(wx.requests.filter((r) => r.path === '/cgi-bin/token')).toEqual([]);
  });

  it('clients built from one configuration share one token (one cache per process)', async () => {
    const wechat: AppConfig['wechat'] = {
      apiBase: wx.url,
      appId: APP_ID,
      appSecret: SECRET,
      templates: { answered: TPL_ANSWERED, progress: null, follow_up: null, todo: TPL_ASSIGNED, supervision: null },
      longTermSubscriptions: false,
      qrEnvVersion: 'release',
    };
    const a = wechatClientFromConfig(wechat, { now: ctx.clock.now })!;
    const b = wechatClientFromConfig(wechat, { now: ctx.clock.now })!;
    await enqueue({ kind: 'case_answered' });
    await run(a);
    await enqueue({ kind: 'case_answered' });
    await run(b);
    expect(wx.tokenRequests()).toHaveLength(1);
    expect(wx.delivered).toHaveLength(2);
  });

  it('refreshes the cached token 5 minutes before it expires', async () => {
    const sender = client();
    await enqueue({ kind: 'case_answered' });
    await run(sender);
    ctx.clock.advance((7200 - 301) * 1000);
    await enqueue({ kind: 'case_answered' });
    await run(sender);
    expect(wx.tokenRequests()).toHaveLength(1);
    ctx.clock.advance(2_000);
    await enqueue({ kind: 'case_answered' });
    await run(sender);
    expect(wx.tokenRequests()).toHaveLength(2);
    expect(wx.sendRequests().map((r) => r.query.access_token)).toEqual([wx.tokens.at(-2), wx.tokens.at(-2), wx.tokens.at(-1)]);
  });

  it('retries busy (-1) and HTTP 500 later with growing backoff, then delivers', async () => {
    const id = (await enqueue({ kind: 'case_answered' }))!;
    const sender = client();
    wx.answerSend(wxError(-1, 'system error'), { status: 500, body: 'Internal Server Error' });

    expect(await run(sender)).toMatchObject({ claimed: 1, retried: 1 });
    const first = await row(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
    expect(first.lastError).toContain('errcode -1');
    const delay1 = Date.parse(first.nextAttemptAt) - Date.parse(T0);
    expect(delay1).toBeGreaterThanOrEqual(27_000);
    expect(delay1).toBeLessThanOrEqual(33_000);

    // Not due yet: nothing is sent.
    ctx.clock.advance(delay1 - 1_000);
    expect(await run(sender)).toMatchObject({ claimed: 0 });

    ctx.clock.set(first.nextAttemptAt);
    expect(await run(sender)).toMatchObject({ claimed: 1, retried: 1 });
    const second = await row(id);
    expect(second).toMatchObject({ status: 'pending', attempts: 2, lastError: 'HTTP 500' });
    const delay2 = Date.parse(second.nextAttemptAt) - Date.parse(first.nextAttemptAt);
    expect(delay2).toBeGreaterThanOrEqual(54_000);
    expect(delay2).toBeLessThanOrEqual(66_000);
    expect(delay2).toBeGreaterThan(delay1);

    ctx.clock.set(second.nextAttemptAt);
    expect(await run(sender)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, sentAt: second.nextAttemptAt });
    expect(wx.sendRequests()).toHaveLength(3);
    expect(wx.delivered).toHaveLength(1);
  });

  it('retries a timeout (the client aborts a request WeChat does not answer)', async () => {
    const id = (await enqueue({ kind: 'case_answered' }))!;
    wx.answerSend({ delayMs: 1_000, body: { errcode: 0, errmsg: 'ok' } });
    expect(await run(client({ timeoutMs: 150 }))).toMatchObject({ retried: 1 });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'timeout after 150 ms' });
  });

  it('records a message the user refused or whose consent is used up (43101) as not subscribed: not a failure, never retried', async () => {
    wx.refuse(CITIZEN);
    const id = (await enqueue({ kind: 'case_answered' }))!;
    const sender = client();
    expect(await run(sender)).toMatchObject({ claimed: 1, failed: 0, unsubscribed: 1 });
    const r = await row(id);
    expect(r).toMatchObject({ status: 'unsubscribed', attempts: 1, lockedUntil: null, sentAt: null });
    expect(r.lastError).toContain('43101');
    ctx.clock.advance(24 * 3600_000);
    expect(await run(sender)).toMatchObject({ claimed: 0 });
    expect(wx.sendRequests()).toHaveLength(1);
  });

  it('fails at once on the other permanent errors (40003, 47003, 40037)', async () => {
    const sender = client();
    const ids = [
      (await enqueue({ kind: 'case_answered' }))!,
      (await enqueue({ kind: 'case_answered' }))!,
      (await enqueue({ kind: 'case_answered' }))!,
    ];
    wx.answerSend(wxError(40003, 'invalid openid'), wxError(47003, 'argument invalid'), wxError(40037, 'invalid template_id'));
    expect(await run(sender, captureLogger(), { batch: 1 })).toMatchObject({ failed: 1 });
    expect(await run(sender, captureLogger(), { batch: 1 })).toMatchObject({ failed: 1 });
    expect(await run(sender, captureLogger(), { batch: 1 })).toMatchObject({ failed: 1 });
    const errors = await Promise.all(ids.map(async (id) => (await row(id)).lastError));
    expect(errors.map((e) => e?.split(' ')[1])).toEqual(['40003', '47003', '40037']);
  });

  it('when another instance forced a refresh, takes the new token in normal mode and sends again, forcing nothing', async () => {
    const sender = client();
    await enqueue({ kind: 'case_answered' });
    await run(sender);
    const theirs = await otherInstanceToken({ force: true }); // our cached token is now invalid
    const id = (await enqueue({ kind: 'case_answered' }))!;

    expect(await run(sender)).toMatchObject({ claimed: 1, sent: 1 });
    expect(wx.tokens).toEqual([wx.tokens[0], theirs]);
    expect(wx.sendRequests().map((r) => r.query.access_token)).toEqual([wx.tokens[0], wx.tokens[0], theirs]);
    expect(wx.tokenRequests().map((r) => (r.body as { force_refresh?: boolean }).force_refresh)).toEqual([false, true, false]);
    expect(wx.forcedRefreshes()).toHaveLength(1); // theirs, not ours
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('when WeChat hands back the very token it rejected, forces exactly one refresh and the sends go through', async () => {
    const sender = client();
    await enqueue({ kind: 'case_answered' });
    await run(sender);
    wx.revokeTokens(); // refused by subscribe/send, yet still what normal mode answers
    // Three sends at once, all refused with the same token: they share one renewal.
    const ids = [
      (await enqueue({ kind: 'case_answered' }))!,
      (await enqueue({ kind: 'case_assigned' }, STAFF))!,
      (await enqueue({ kind: 'case_answered' }))!,
    ];

    expect(await run(sender)).toMatchObject({ claimed: 3, sent: 3 });
    expect(wx.forcedRefreshes()).toHaveLength(1);
    expect(wx.tokenRequests().map((r) => (r.body as { force_refresh?: boolean }).force_refresh)).toEqual([false, false, true]);
    expect(wx.tokens).toHaveLength(2);
    const [first, forced] = wx.tokens;
    const used = wx.sendRequests().map((r) => r.query.access_token);
    expect(used.filter((t) => t === first)).toHaveLength(4);
    expect(used.filter((t) => t === forced)).toHaveLength(3);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('forces no second refresh within 30 s of the last one (WeChat would ignore it): the send is retried later', async () => {
    const sender = client();
    await enqueue({ kind: 'case_answered' });
    await run(sender);
    wx.revokeTokens();
    await enqueue({ kind: 'case_answered' });
    expect(await run(sender)).toMatchObject({ sent: 1 });
    expect(wx.forcedRefreshes()).toHaveLength(1);

    ctx.clock.advance(20_000);
    wx.revokeTokens();
    const id = (await enqueue({ kind: 'case_answered' }))!;
    expect(await run(sender)).toMatchObject({ retried: 1 });
    expect(wx.forcedRefreshes()).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(id)).lastError).toContain('40001');

    ctx.clock.set((await row(id)).nextAttemptAt); // ≥ 27 s later: 30 s since the forced refresh
    expect(await run(sender)).toMatchObject({ sent: 1 });
    expect(wx.forcedRefreshes()).toHaveLength(2);
  });

  it('retries later when the refreshed token is rejected too (only one refresh per send)', async () => {
    const id = (await enqueue({ kind: 'case_answered' }))!;
    wx.answerSend(wxError(42001, 'access_token expired'), wxError(40014, 'invalid access_token'));
    expect(await run(client())).toMatchObject({ retried: 1 });
    expect(wx.sendRequests()).toHaveLength(2);
    // Normal mode answered the rejected token again, so one forced refresh.
    expect(wx.tokenRequests()).toHaveLength(3);
    expect(wx.forcedRefreshes()).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('retries when the token cannot be had (bad secret), without burning the message', async () => {
    const id = (await enqueue({ kind: 'case_answered' }))!;
    wx.answerToken(wxError(-1, 'system error'));
    expect(await run(client())).toMatchObject({ retried: 1 });
    expect((await row(id)).lastError).toBe('token: errcode -1 system error rid: test');
    expect(wx.sendRequests()).toHaveLength(0);
  });

  it('gives up after 8 retryable failures', async () => {
    const id = (await enqueue({ kind: 'case_answered' }))!;
    const sender = client();
    wx.answerSend(...Array.from({ length: 10 }, () => wxError(45009, 'reach max api daily quota limit')));
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const before = ctx.clock.now().getTime();
      const report = await run(sender);
      const r = await row(id);
      expect(r.attempts).toBe(i);
      if (i < 8) {
        expect(report).toMatchObject({ retried: 1 });
        expect(r.status).toBe('pending');
        delays.push(Date.parse(r.nextAttemptAt) - before);
        ctx.clock.set(r.nextAttemptAt);
      } else {
        expect(report).toMatchObject({ failed: 1 });
        expect(r).toMatchObject({ status: 'failed', lockedUntil: null });
        expect(r.lastError).toContain('45009');
      }
    }
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    ctx.clock.advance(7 * 24 * 3600_000);
    expect(await run(sender)).toMatchObject({ claimed: 0 });
    expect(wx.sendRequests()).toHaveLength(8);
  });

  it('sends each row once when two runs overlap', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await enqueue({ kind: 'case_answered', payload: answered({ trackingNo: `QX26112300${10 + i}` }) }))!);
    // Slow answers keep both runs in flight at once.
    wx.answerSend(...Array.from({ length: 12 }, () => ({ delayMs: 50, body: { errcode: 0, errmsg: 'ok' } })));
    const [r1, r2] = await Promise.all([run(client(), captureLogger(), { batch: 5 }), run(client(), captureLogger(), { batch: 5 })]);
    expect(r1.claimed + r2.claimed).toBe(10);
    const third = await run(client(), captureLogger(), { batch: 5 });
    expect(r1.sent + r2.sent + third.sent).toBe(12);
    const sent = wx.sendRequests().map((r) => (r.body as { data: { character_string1: { value: string } } }).data.character_string1.value);
    expect(sent).toHaveLength(12);
    expect(new Set(sent).size).toBe(12);
    for (const id of ids) expect((await row(id)).status).toBe('sent');
  });

  it('delivers a row whose worker died mid-send once its lock expires (at-least-once)', async () => {
    const id = (await enqueue({ kind: 'case_answered' }))!;
    // A worker claims the row, then its process dies before recording anything.
    const claimed = await claimDue({ db: ctx.db, now: ctx.clock.now });
    expect(claimed.map((r) => r.id)).toEqual([id]);
    expect((await row(id)).lockedUntil).toBe(new Date(Date.parse(T0) + DEFAULT_LOCK_MS).toISOString());

    const sender = client();
    ctx.clock.advance(DEFAULT_LOCK_MS - 1_000);
    expect(await run(sender)).toMatchObject({ claimed: 0 });
    expect(wx.sendRequests()).toHaveLength(0);

    ctx.clock.advance(1_000);
    expect(await run(sender)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ status: 'sent', lockedUntil: null });
    expect(wx.delivered).toHaveLength(1);
  });

  it('leaves rows of a kind without a template pending', async () => {
    const id = (await enqueue({ kind: 'case_assigned' }, STAFF))!;
    expect(await run(client({ templates: { case_answered: TPL_ANSWERED, case_assigned: null } }))).toMatchObject({ claimed: 0 });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('never logs the AppSecret or an access token, nor stores them in last_error', async () => {
    const logger = captureLogger();
    const sender = client();
    await enqueue({ kind: 'case_answered' });
    await enqueue({ kind: 'case_assigned' }, STAFF);
    wx.refuse(STAFF);
    // A hostile answer that echoes the token and the secret back in errmsg.
    wx.answerSend((req) => wxError(-1, `busy access_token=${req.query.access_token} secret=${SECRET}`));
    await run(sender, logger);
    ctx.clock.advance(3600_000);
    wx.revokeTokens();
    await run(sender, logger);
    wx.answerToken((req) => wxError(40125, `invalid appsecret ${(req.body as { secret: string }).secret}`));
    await enqueue({ kind: 'case_answered' });
    wx.revokeTokens();
    await run(sender, logger);

    expect(logger.calls.length).toBeGreaterThanOrEqual(4);
    expect(wx.tokens.length).toBeGreaterThanOrEqual(2);
    const stored = JSON.stringify(await ctx.db.select().from(outbox));
    for (const secret of [SECRET, ...wx.tokens]) {
      expect(logger.text()).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(logger.text()).toContain('[redacted]');
    expect(wx.forcedRefreshes()).toHaveLength(1);
    // The secret travels only in the token request's body, never in a URL.
    for (const r of wx.requests) expect(JSON.stringify(r.query)).not.toContain(SECRET);
  });
});

describe('startOutboxWorker', () => {
  const wechat = (over: Partial<AppConfig['wechat']> = {}): AppConfig['wechat'] => ({
    apiBase: wx.url,
    appId: APP_ID,
    appSecret: SECRET,
    templates: { answered: TPL_ANSWERED, progress: null, follow_up: null, todo: TPL_ASSIGNED, supervision: null },
    longTermSubscriptions: false,
    qrEnvVersion: 'release',
    ...over,
  });

  it('does not start without an AppID/AppSecret: one warning, rows stay pending', async () => {
    const logger = captureLogger();
    const id = (await enqueue({ kind: 'case_answered' }))!;
    const worker = startOutboxWorker({ db: ctx.db, logger, now: ctx.clock.now, wechat: wechat({ appSecret: null }), intervalMs: 10 });
    expect(worker.running).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    await worker.stop();
    expect(logger.calls.filter((c) => c.level === 'warn')).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(wx.requests).toEqual([]);
  });

  it('delivers in the background; stop() waits for the batch in progress', async () => {
    ctx.clock.real();
    const logger = captureLogger();
    const worker = startOutboxWorker({ db: ctx.db, logger, now: ctx.clock.now, wechat: wechat(), intervalMs: 20 });
    const first = (await enqueue({ kind: 'case_answered' }))!;
    await expect.poll(async () => (await row(first)).status, { timeout: 5_000 }).toBe('sent');

    wx.answerSend({ delayMs: 300, body: { errcode: 0, errmsg: 'ok' } });
    const second = (await enqueue({ kind: 'case_answered' }))!;
    await expect.poll(() => wx.sendRequests().length, { timeout: 5_000 }).toBe(2);
    await worker.stop();
    // The slow send finished and was recorded before stop() resolved.
    expect(await row(second)).toMatchObject({ status: 'sent', lockedUntil: null });

    const third = (await enqueue({ kind: 'case_answered' }))!;
    await new Promise((r) => setTimeout(r, 100));
    expect(await row(third)).toMatchObject({ status: 'pending' });
    expect(worker.running).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from 30 s, is capped at 6 h and jitters by ±10 %', () => {
    expect(backoffMs(0, () => 0.5)).toBe(30_000);
    expect(backoffMs(1, () => 0.5)).toBe(60_000);
    expect(backoffMs(7, () => 0.5)).toBe(30_000 * 128);
    expect(backoffMs(20, () => 0.5)).toBe(6 * 3600_000);
    expect(backoffMs(0, () => 0)).toBe(27_000);
    expect(backoffMs(0, () => 1)).toBe(33_000);
  });
});
