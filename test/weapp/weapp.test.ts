import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { ServiceItem, WindowDetail } from '@zw/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWechat, type FakeWechat } from '../../bff/test/support/wechat-server';
import { apiClient } from '../support/api';
import { root, startBuiltServer, type RunningServer } from '../support/server';
import { MiniProgram, type PageHandle } from './support/miniprogram';
import { MAIN_PACKAGE_LIMIT, mainPackageSize } from './support/size';
import { createWxDouble, type WxDouble } from './support/wx';

/**
 * The production WeChat build (miniapp/dist/weapp, `pnpm --filter miniapp build:weapp`)
 * outside WeChat: its scripts run in a sandbox with a `wx` double, its templates are
 * compiled by WeChat's wcc and rendered by miniprogram-simulate in jsdom, and every
 * wx.request goes to the built BFF on loopback, whose wx-login exchanges the codes
 * of wx.login with a local code2Session (bff/test/support/wechat-server.ts).
 * What is asserted is text the real templates rendered from the BFF's answers.
 */
const dist = join(root, 'miniapp', 'dist', 'weapp');
const TEMPLATES = {
  WX_TEMPLATE_ANSWERED: 'TPL_WEAPP_ANSWERED',
  WX_TEMPLATE_PROGRESS: 'TPL_WEAPP_PROGRESS',
  WX_TEMPLATE_FOLLOW_UP: 'TPL_WEAPP_FOLLOW',
};

let server: RunningServer;
let wechat: FakeWechat;
const { api } = apiClient(() => server.url);

beforeAll(async () => {
  if (!existsSync(join(dist, 'app.json')))
    throw new Error(`${dist} is missing: run \`pnpm --filter miniapp build:weapp\` (pnpm build does).`);
  wechat = await startFakeWechat({ appId: 'wx-weapp-test' });
  server = await startBuiltServer({ WX_APPID: wechat.appId, WX_SECRET: wechat.appSecret, WX_API_BASE: wechat.url, ...TEMPLATES });
});
afterAll(async () => {
  await server?.stop();
  await wechat?.close();
});

/** One phone: the app launched afresh, signed in (on first need) as `openid`. */
let open: PageHandle[] = [];
let phones: MiniProgram[] = [];
function phone(openid: string): { wx: WxDouble; mp: MiniProgram } {
  const wx = createWxDouble({ bffUrl: server.url, loginCode: () => wechat.issueCode(openid) });
  const mp = new MiniProgram(dist, wx.api);
  mp.launch();
  phones.push(mp);
  return { wx, mp };
}
function show(mp: MiniProgram, route: string, query: Record<string, string> = {}) {
  const page = mp.open(route, query);
  open.push(page);
  return page;
}
afterEach(() => {
  for (const p of open) p.close();
  open = [];
  // Nothing the app ran from a timer threw (an exception there is a white screen in WeChat).
  const errors = phones.flatMap((mp) => mp.errors);
  phones = [];
  expect(errors).toEqual([]);
});

async function citizenToken(openid: string): Promise<string> {
  const r = await api<{ token: string }>('/api/auth/wx-login', { method: 'POST', body: { code: wechat.issueCode(openid) } });
  expect(r.status).toBe(200);
  return r.body.token;
}

describe('the weapp build, rendered outside WeChat against the built BFF', () => {
  it('home (pages/index/index) renders 热门事项 with the items of /api/items', async () => {
    const { wx, mp } = phone('o-weapp-home');
    const page = show(mp, 'pages/index/index');
    const items = await api<{ data: { id: number; name: string }[] }>('/api/items?pageSize=8');
    expect(items.body.data.map((i) => i.name)).toContain('社会保障卡申领');
    await page.until(() => page.text().includes('社会保障卡申领'));
    const text = page.text();
    expect(text).toContain('热门事项');
    for (const item of items.body.data) expect(text).toContain(item.name);
    // The text comes from the templates: a Taro <text> node rendered as WeChat's wx-text.
    expect(page.find('社会保障卡申领', 'wx-text')).not.toBeNull();
    expect(wx.requests.find((r) => r.path === '/api/items')?.status).toBe(200);
  });

  it('a tap on a home item navigates to its guide (wx.navigateTo with the guide path)', async () => {
    const { wx, mp } = phone('o-weapp-tap');
    const page = show(mp, 'pages/index/index');
    const name = await page.until(() => page.find('社会保障卡申领', 'wx-text') ?? false);
    expect(wx.callsOf('navigateTo')).toHaveLength(0);
    page.tap(name);
    await page.until(() => wx.callsOf('navigateTo').length === 1);
    const url = String(wx.callsOf('navigateTo')[0]!.arg.url);
    expect(url.startsWith('/pages/guide/index?')).toBe(true);
    expect(new URLSearchParams(url.split('?')[1]).get('id')).toBe('1');
  });

  it('search (pages/search/index?q=社保) renders the results of /api/search', async () => {
    const { wx, mp } = phone('o-weapp-search');
    const page = show(mp, 'pages/search/index', { q: encodeURIComponent('社保') });
    const res = await api<{ data: { title: { text: string }[] }[] }>(`/api/search?q=${encodeURIComponent('社保')}`);
    const titles = res.body.data.map((r) => r.title.map((t) => t.text).join(''));
    expect(titles.length).toBeGreaterThan(0);
    await page.until(() => page.text().includes(titles[0]!));
    for (const t of titles.slice(0, 3)) expect(page.text()).toContain(t);
    expect(wx.requests.some((r) => r.path === '/api/search' && r.status === 200)).toBe(true);
  });

  it('guide (pages/guide/index?id=1) renders 社会保障卡申领 and its sections', async () => {
    const { mp } = phone('o-weapp-guide');
    const page = show(mp, 'pages/guide/index', { id: '1' });
    const item = (await api<ServiceItem>('/api/items/1')).body;
    expect(item.name).toBe('社会保障卡申领');
    await page.until(() => page.text().includes('办理条件'));
    const text = page.text();
    expect(text).toContain('社会保障卡申领');
    for (const section of ['办理依据', '办理程序', '办理条件', '收费标准', '责任单位', '监督电话']) expect(text).toContain(section);
    expect(text).toContain(item.procedure[0]!.title);
    expect(text).toContain(item.legalBasis[0]!.law);
  });

  it('window (pages/window/index?id=1) renders the window and its items', async () => {
    const { mp } = phone('o-weapp-window');
    const page = show(mp, 'pages/window/index', { id: '1' });
    const w = (await api<WindowDetail>('/api/windows/1')).body;
    const names = w.items.map((i) => i.name);
    expect(names.length).toBeGreaterThan(0);
    await page.until(() => page.text().includes(names[0]!));
    const text = page.text();
    expect(text).toContain(w.number);
    expect(text).toContain(w.name);
    for (const n of names) expect(text).toContain(n);
  });

  it('new message (packages/cases/new/index) renders the form', async () => {
    const { wx, mp } = phone('o-weapp-form');
    const departments = (await api<{ data: { id: number; name: string }[] }>('/api/departments')).body.data;
    const page = show(mp, 'packages/cases/new/index', { targetType: 'department', targetId: String(departments[0]!.id) });
    await page.until(() => page.text().includes('留言类型') && page.find('提交', 'wx-button') !== null);
    const text = page.text();
    for (const label of ['留言类型', '咨询', '投诉', '建议', '匿名反映', '个人信息保护说明']) expect(text).toContain(label);
    expect(page.findAll('wx-textarea.case-textarea')).toHaveLength(1);
    expect(page.findAll('wx-view.case-anonymous')).toHaveLength(1);
    await page.until(() => wx.requests.some((r) => r.path === '/api/reminders/templates' && r.status === 200));
  });

  it('提交 asks wx.requestSubscribeMessage for the configured templates, then the case is created in the BFF', async () => {
    const openid = 'o-weapp-submit';
    const { wx, mp } = phone(openid);
    const departments = (await api<{ data: { id: number; name: string }[] }>('/api/departments')).body.data;
    const page = show(mp, 'packages/cases/new/index', { targetType: 'department', targetId: String(departments[0]!.id) });
    await page.until(() => wx.requests.some((r) => r.path === '/api/reminders/templates' && r.status === 200));
    await page.until(() => page.find('咨询', 'wx-text') ?? false);

    const content = `小程序构建测试：请问老年人优待证在哪里办理，需要带什么材料？${Date.now()}`;
    page.tap(page.find('咨询', 'wx-text')!);
    page.input(page.findAll('wx-textarea.case-textarea')[0]!, content);
    page.tap(page.findAll('wx-view.case-anonymous')[0]!);
    await page.until(() => page.text().includes(`${content.length}`));

    const before = wx.calls.length;
    page.tap(page.find('提交', 'wx-button')!);
    // WeChat accepts the consent request only inside the tap: it is asked synchronously, before any request.
    expect(wx.calls.slice(before).map((c) => c.api)).toEqual(['requestSubscribeMessage']);
    await page.until(() => page.text().includes('已提交'), 20_000);

    const after = wx.calls.slice(before);
    const asked = after.findIndex((c) => c.api === 'requestSubscribeMessage');
    const posted = after.findIndex((c) => c.api === 'request' && String(c.arg.url).endsWith('/api/cases') && c.arg.method === 'POST');
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(posted).toBeGreaterThan(asked);
    expect(after[asked]!.arg.tmplIds).toEqual(Object.values(TEMPLATES));

    // The case is in the BFF, the signed-in citizen's, with what was typed.
    const mine = await api<{ data: { id: number; trackingNo: string; content?: string; title?: string }[] }>('/api/cases/mine', {
      token: await citizenToken(openid),
    });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toHaveLength(1);
    const trackingNo = mine.body.data[0]!.trackingNo;
    expect(page.text().replaceAll('-', '')).toContain(trackingNo);
    const detail = await api<{ content: string; type: string }>(`/api/cases/${mine.body.data[0]!.id}`, {
      token: await citizenToken(openid),
    });
    expect(detail.body).toMatchObject({ content, type: '咨询' });
    // What requestSubscribeMessage answered went with the submission: one consent per template.
    const db = createClient({ url: server.dbUrl });
    try {
      const rows = await db.execute({
        sql: 'SELECT s.template_id, s.last_result FROM case_subscriptions s JOIN cases c ON c.id = s.case_id WHERE c.tracking_no = ? ORDER BY s.template_id',
        args: [trackingNo],
      });
      expect(rows.rows.map((r) => ({ ...r }))).toEqual(
        Object.values(TEMPLATES)
          .sort()
          .map((id) => ({ template_id: id, last_result: 'accept' })),
      );
    } finally {
      db.close();
    }
  });

  it('case detail (packages/cases/detail/index) renders the case for its owner', async () => {
    const openid = 'o-weapp-owner';
    const token = await citizenToken(openid);
    const departments = (await api<{ data: { id: number }[] }>('/api/departments')).body.data;
    const content = '小区门口的路灯坏了两个星期，晚上出行很不方便，请尽快维修。';
    const created = await api<{ id: number; trackingNo: string }>('/api/cases', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': `weapp-detail-${Date.now()}` },
      body: { type: '求助', target: { type: 'department', id: departments[0]!.id }, title: '路灯维修', content, anonymous: true },
    });
    expect(created.status).toBe(201);

    const { mp } = phone(openid);
    const page = show(mp, 'packages/cases/detail/index', { id: String(created.body.id) });
    await page.until(() => page.text().includes(content));
    const text = page.text();
    expect(text).toContain('路灯维修');
    expect(text.replaceAll('-', '')).toContain(created.body.trackingNo);
  });

  it(`the main package (dist/weapp outside the subpackage roots) is under ${MAIN_PACKAGE_LIMIT} B`, () => {
    const size = mainPackageSize(dist);
    expect(size.subpackageRoots).toEqual(
      expect.arrayContaining(['packages/cases', 'packages/policy', 'packages/staff', 'packages/editor']),
    );
    expect(size.files).toBeGreaterThan(10);
    expect(size.bytes).toBeLessThan(MAIN_PACKAGE_LIMIT);
  });
});
