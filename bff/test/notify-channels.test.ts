import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSubscriptions, citizens, outbox } from '../src/db/schema';
import { silentLogger } from '../src/lib/logger';
import { createTencentSms } from '../src/services/sms/tencent';
import { createWechatClient, phrase, templatesByKind, templateData, thing } from '../src/services/notifications/wechat';
import { deliverDue } from '../src/services/notifications/worker';
import { call, departmentId, message, submit } from './cases-support';
import { createTestContext, loginCitizen, loginStaff, type TestContext } from './helpers';
import { smsConfigFor, startTencentSmsDouble, type TencentSmsDouble } from './support/tencent-sms-server';
import { startSubscribeServer, type SubscribeServer } from './support/wechat-subscribe-server';

/**
 * One channel per event, chosen when the event happens: WeChat with a consent,
 * else SMS to a verified mobile, else none (a skipped row). Through the real
 * app, the real WeChat client and the real Tencent adapter, each against a
 * local server that follows its contract.
 */
const TPL = { answered: 'TPL-ANS', progress: 'TPL-PROG', follow_up: 'TPL-FU', todo: 'TPL-TODO', supervision: 'TPL-SUP' };
const OPENID = 'oReal_citizen_00000000000001';
let ctx: TestContext;
let wx: SubscribeServer;
let sms: TencentSmsDouble;
let mzj: number;

beforeAll(async () => {
  sms = await startTencentSmsDouble();
  wx = await startSubscribeServer({
    appId: 'wx-app',
    secret: 'wx-secret-000',
    templates: {
      [TPL.answered]: ['character_string1', 'thing2', 'phrase3', 'time4'],
      [TPL.progress]: ['character_string1', 'thing2', 'phrase3', 'thing4', 'time5'],
      [TPL.follow_up]: ['character_string1', 'thing2', 'phrase3', 'thing4', 'time5'],
      [TPL.todo]: ['character_string1', 'thing2', 'time3'],
      [TPL.supervision]: ['character_string1', 'phrase2', 'thing3', 'time4'],
    },
  });
  ctx = await createTestContext({
    config: (c) => ({
      ...c,
      wechat: { ...c.wechat, apiBase: wx.url, appId: 'wx-app', appSecret: 'wx-secret-000', templates: TPL },
      sms: smsConfigFor(sms),
    }),
  });
  mzj = await departmentId(ctx, 'mzj');
});
afterAll(async () => {
  ctx.cleanup();
  await wx.close();
  await sms.close();
});

const rows = (caseId: number) => ctx.db.select().from(outbox).where(eq(outbox.caseId, caseId));
const deliver = () =>
  deliverDue({
    db: ctx.db,
    logger: silentLogger,
    now: () => new Date(),
    client: createWechatClient({ apiBase: wx.url, appId: 'wx-app', appSecret: 'wx-secret-000', templates: templatesByKind(TPL) }),
    sms: {
      sender: createTencentSms({
        ...smsConfigFor(sms),
        secretId: sms.secretId,
        secretKey: sms.secretKey,
        sdkAppId: sms.sdkAppId,
        signName: sms.signName,
      }),
      templateId: '100002',
      config: ctx.config,
    },
  });

/** A citizen, made a WeChat one (a real-looking openid) or given a verified phone, with a submitted case. */
async function citizenWithCase(
  name: string,
  opts: { openid?: string; phone?: string; subscriptions?: Record<string, string>; type?: string } = {},
) {
  const token = await loginCitizen(ctx.app, name);
  const me = await call(ctx, 'GET', '/api/auth/me', token);
  const id = me.body.id as number;
  if (opts.openid) await ctx.db.update(citizens).set({ openid: opts.openid }).where(eq(citizens.id, id));
  if (opts.phone) {
    await ctx.db
      .update(citizens)
      .set({
        phoneEnc: await ctx.config.cipher.encrypt(ctx.config.contactKey, opts.phone),
        phoneMasked: 'x',
        phoneVerifiedAt: new Date().toISOString(),
      })
      .where(eq(citizens.id, id));
  }
  const r = await submit(ctx, token, {
    ...message(mzj, opts.type ? { type: opts.type } : {}),
    ...(opts.subscriptions ? { subscriptions: opts.subscriptions } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { token, caseId: r.body.id as number, trackingNo: r.body.trackingNo as string };
}

async function answer(caseId: number) {
  const staff = await loginStaff(ctx.app, 'mz_staff');
  expect((await call(ctx, 'POST', `/api/staff/cases/${caseId}/actions`, staff, { action: 'accept' })).status).toBe(200);
  const r = await call(ctx, 'POST', `/api/staff/cases/${caseId}/actions`, staff, {
    action: 'reply',
    body: '您好，低保申请需要户口本、身份证和收入证明，行动不便可预约上门。',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('one channel per event', () => {
  it('WeChat when the citizen accepted on the 提交 tap: the consent is spent, the case page then offers 开启提醒 again', async () => {
    const { token, caseId } = await citizenWithCase('wx-accept', {
      openid: OPENID,
      subscriptions: { [TPL.answered]: 'accept', [TPL.progress]: 'reject', 'TPL-UNKNOWN': 'accept' },
    });
    const before = await call(ctx, 'GET', `/api/cases/${caseId}`, token);
    expect(before.body.reminders).toEqual({ channel: 'wechat', needsConsent: ['progress', 'follow_up'] });
    await answer(caseId);
    const mine = (await rows(caseId)).filter((r) => r.kind === 'case_answered');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'wechat', recipient: OPENID, status: 'pending' });
    const subs = await ctx.db.select().from(caseSubscriptions).where(eq(caseSubscriptions.caseId, caseId));
    expect(subs.map((s) => [s.topic, s.credits, s.lastResult]).sort()).toEqual([
      ['answered', 0, 'accept'],
      ['progress', 0, 'reject'],
    ]);
    const after = await call(ctx, 'GET', `/api/cases/${caseId}`, token);
    expect(after.body.reminders.needsConsent).toEqual(['answered', 'progress', 'follow_up']);
    const report = await deliver();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const sent = wx.delivered.find((d) => d.touser === OPENID);
    expect(sent).toMatchObject({ template_id: TPL.answered, page: `packages/cases/detail/index?id=${caseId}` });
  });

  it('长期订阅 (WX_SUBSCRIBE_LONG_TERM): one consent covers every later notice of its topic, and 开启提醒 is not offered again', async () => {
    ctx.config.wechat.longTermSubscriptions = true;
    try {
      const openid = 'oReal_citizen_long_term_0003';
      const { token, caseId } = await citizenWithCase('wx-long-term', { openid, subscriptions: { [TPL.answered]: 'accept' } });
      await answer(caseId);
      const reopened = await call(ctx, 'POST', `/api/cases/${caseId}/actions`, token, {
        action: 'reopen',
        reason: '材料清单里没有说收入证明去哪里开',
      });
      expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
      const staff = await loginStaff(ctx.app, 'mz_staff');
      const again = await call(ctx, 'POST', `/api/staff/cases/${caseId}/actions`, staff, {
        action: 'reply',
        body: '收入证明由所在村（居）委会出具，也可由工作单位出具。',
      });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      const answered = (await rows(caseId)).filter((r) => r.kind === 'case_answered');
      expect(answered.map((r) => [r.channel, r.recipient])).toEqual([
        ['wechat', openid],
        ['wechat', openid],
      ]);
      expect((await call(ctx, 'GET', `/api/cases/${caseId}`, token)).body.reminders.needsConsent).not.toContain('answered');
    } finally {
      ctx.config.wechat.longTermSubscriptions = false;
    }
  });

  it('SMS to a verified mobile when there is no consent; the text has the tracking number and a link, never the content', async () => {
    const { caseId, trackingNo } = await citizenWithCase('sms-only', { phone: '13700137000' });
    await answer(caseId);
    const [row] = (await rows(caseId)).filter((r) => r.kind === 'case_answered');
    expect(row).toMatchObject({ channel: 'sms', status: 'pending' });
    expect(row!.recipient).not.toContain('13700137000');
    await deliver();
    const params = sms.lastParamsFor('13700137000', '100002');
    expect(params).toEqual([trackingNo, '已答复', `${ctx.config.publicBaseUrl}/packages/cases/detail/index?id=${caseId}`]);
    expect(JSON.stringify(params)).not.toContain('低保');
    expect((await ctx.db.select().from(outbox).where(eq(outbox.id, row!.id)))[0]!.status).toBe('sent');
  });

  it('no channel: the event is still on record as a skipped row, never sent', async () => {
    const { caseId } = await citizenWithCase('nobody');
    await answer(caseId);
    const [row] = (await rows(caseId)).filter((r) => r.kind === 'case_answered');
    expect(row).toMatchObject({ channel: 'none', status: 'skipped', lastError: 'no_channel' });
  });

  it('a WeChat refusal (43101) is recorded as not subscribed, the consent marked used up, and it is never retried', async () => {
    const openid = 'oReal_citizen_refuses_000002';
    const { token, caseId } = await citizenWithCase('wx-refuses', { openid, subscriptions: { [TPL.answered]: 'accept' } });
    wx.refuse(openid);
    await answer(caseId);
    const report = await deliver();
    expect(report.unsubscribed).toBe(1);
    const [row] = (await rows(caseId)).filter((r) => r.kind === 'case_answered');
    expect(row).toMatchObject({ status: 'unsubscribed' });
    const [sub] = await ctx.db.select().from(caseSubscriptions).where(eq(caseSubscriptions.caseId, caseId));
    expect(sub).toMatchObject({ credits: 0, lastResult: 'exhausted' });
    expect((await call(ctx, 'GET', `/api/cases/${caseId}`, token)).body.reminders.needsConsent).toContain('answered');
    expect((await deliver()).claimed).toBe(0);
  });

  it('补正 and 延期 (依申请公开), 不予受理 each reach the citizen once, with what they must know; 督办 reaches the handler', async () => {
    const staff = await loginStaff(ctx.app, 'mz_staff');
    const act = async (caseId: number, body: object) => {
      const r = await call(ctx, 'POST', `/api/staff/cases/${caseId}/actions`, staff, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const citizenRows = async (caseId: number, kind: string) =>
      (await rows(caseId)).filter((r) => r.kind === kind).map((r) => ({ channel: r.channel, payload: r.payload }));

    const supplement = await citizenWithCase('events-supplement', { phone: '13700137011', type: '依申请公开' });
    await act(supplement.caseId, { action: 'accept' });
    await act(supplement.caseId, { action: 'request_supplement', body: '请补充户口本首页和本人页复印件。' });
    expect(await citizenRows(supplement.caseId, 'case_supplement_requested')).toEqual([
      { channel: 'sms', payload: expect.objectContaining({ trackingNo: supplement.trackingNo }) },
    ]);

    const rejected = await citizenWithCase('events-reject', { phone: '13700137012' });
    await act(rejected.caseId, { action: 'reject', reason: '该事项属于司法程序，请向法院反映。' });
    expect(await citizenRows(rejected.caseId, 'case_rejected')).toEqual([
      { channel: 'sms', payload: expect.objectContaining({ trackingNo: rejected.trackingNo }) },
    ]);

    const extended = await citizenWithCase('events-extend', { phone: '13700137013', type: '依申请公开' });
    await act(extended.caseId, { action: 'accept' });
    await act(extended.caseId, { action: 'extend', days: 3, reason: '需要现场核实，协调相关村委会。' });
    expect(await citizenRows(extended.caseId, 'case_extended')).toEqual([
      { channel: 'sms', payload: expect.objectContaining({ trackingNo: extended.trackingNo }) },
    ]);
    // None of these told the citizen it was answered.
    for (const c of [supplement, rejected, extended]) expect(await citizenRows(c.caseId, 'case_answered')).toEqual([]);

    const supervisor = await loginStaff(ctx.app, 'supervisor');
    const chased = await call(ctx, 'POST', `/api/staff/cases/${extended.caseId}/chase`, supervisor, { body: '请加快办理，按期答复群众。' });
    expect(chased.status, JSON.stringify(chased.body)).toBe(200);
    const toStaff = (await rows(extended.caseId)).filter((r) => r.kind === 'case_chased');
    // Accepted by mz_staff: the handler alone is told, with the staff page of the case.
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0]!.payload).toMatchObject({
      trackingNo: extended.trackingNo,
      page: `/packages/staff/case/index?id=${extended.caseId}`,
    });
  });

  it('a transfer tells the citizen where it went and the new department staff that it came in', async () => {
    const { caseId } = await citizenWithCase('transfer', { phone: '13700137001' });
    const staff = await loginStaff(ctx.app, 'mz_staff');
    const rsj = await departmentId(ctx, 'rsj');
    const r = await call(ctx, 'POST', `/api/staff/cases/${caseId}/actions`, staff, {
      action: 'transfer',
      departmentId: rsj,
      reason: '属于人社局职责',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const kinds = (await rows(caseId)).map((x) => [x.kind, x.channel]);
    expect(kinds).toContainEqual(['case_transferred', 'sms']);
    expect(kinds.filter(([k]) => k === 'case_assigned').length).toBeGreaterThanOrEqual(2); // mzj on submission, rsj on transfer
  });
});

describe('开启提醒 (POST /cases/{id}/reminders)', () => {
  it("adds consents for configured templates only, and refuses bad input, other people's cases and staff tokens", async () => {
    const { token, caseId } = await citizenWithCase('reopen-reminders', { openid: 'oReal_citizen_reminders_003' });
    const ok = await call(ctx, 'POST', `/api/cases/${caseId}/reminders`, token, {
      results: { [TPL.answered]: 'accept', [TPL.follow_up]: 'accept' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ channel: 'wechat', needsConsent: ['progress'] });
    const tooMany = await call(ctx, 'POST', `/api/cases/${caseId}/reminders`, token, {
      results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' },
    });
    expect(tooMany.status).toBe(400);
    expect((await call(ctx, 'POST', `/api/cases/${caseId}/reminders`, token, { results: { [TPL.answered]: 'yes' } })).status).toBe(400);
    const other = await loginCitizen(ctx.app, 'someone-else');
    expect((await call(ctx, 'POST', `/api/cases/${caseId}/reminders`, other, { results: {} })).status).toBe(404);
    const staff = await loginStaff(ctx.app, 'mz_staff');
    expect((await call(ctx, 'POST', `/api/cases/${caseId}/reminders`, staff, { results: {} })).status).toBe(403);
    const templates = await call(ctx, 'GET', '/api/reminders/templates', null);
    expect(templates.body.citizen.map((t: any) => t.templateId)).toEqual([TPL.answered, TPL.progress, TPL.follow_up]);
    expect(templates.body.staff.map((t: any) => t.topic)).toEqual(['todo', 'supervision']);
  });
});

describe("template data within WeChat's keyword rules", () => {
  it('phrase keeps at most 5 Chinese characters and nothing else; thing at most 20 characters', () => {
    expect(phrase('不予受理')).toBe('不予受理');
    expect(phrase('已转办123abc!')).toBe('已转办');
    expect(phrase('一二三四五六七')).toBe('一二三四五');
    expect(phrase('OK')).toBe('有更新');
    expect(Array.from(thing('😀'.repeat(30)))).toHaveLength(20);
  });

  it('every event builds data whose values fit their keyword types', () => {
    const progress = {
      caseId: 1,
      trackingNo: 'QX2612020001',
      title: '一个非常非常长的标题，远远超过二十个字的限制，需要截断',
      at: '2026-12-02T02:00:00.000Z',
      detail: '县人力资源和社会保障局（人社局）劳动监察大队',
      page: '/x?id=1',
    };
    const staff = {
      caseId: 1,
      trackingNo: 'QX2612020001',
      type: '投诉' as const,
      departmentName: '清溪县住房和城乡建设局城市管理综合执法大队',
      dueAt: '2026-12-10T16:00:00.000Z',
      page: '/y?id=1',
    };
    const all = [
      templateData({ kind: 'case_answered', recipient: 'o', payload: { ...progress, answeredAt: progress.at } }),
      ...(
        [
          'rating_invited',
          'case_supplement_requested',
          'case_rejected',
          'case_transferred',
          'case_extended',
          'case_recorded',
          'follow_up_recorded',
        ] as const
      ).map((kind) => templateData({ kind, recipient: 'o', payload: progress })),
      ...(['case_assigned', 'case_chased', 'case_due_soon', 'case_overdue'] as const).map((kind) =>
        templateData({ kind, recipient: 'o', payload: staff }),
      ),
    ];
    for (const data of all) {
      for (const [key, { value }] of Object.entries(data)) {
        if (key.startsWith('thing')) expect(Array.from(value).length, key).toBeLessThanOrEqual(20);
        if (key.startsWith('phrase')) expect(value).toMatch(/^\p{Script=Han}{1,5}$/u);
        if (key.startsWith('character_string')) expect(value).toMatch(/^[\x21-\x7e]{1,32}$/);
        if (key.startsWith('time')) expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      }
    }
  });
});
