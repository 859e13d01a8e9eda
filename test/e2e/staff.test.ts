import { createClient } from '@libsql/client';
import {
  beijingDate,
  type CaseList,
  type CitizenCase,
  type InboxCounts,
  type Me,
  type StaffCase,
  type StaffStats,
  type SubmitCaseResult,
} from '@zw/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { DEMO_PASSWORD } from '../support/api';
import { setCaseDates } from '../../bff/test/support/case-dates';
import { button, field, fillContact, STAFF_HOME, visible } from '../support/pages';
import { shoot } from '../support/shoot';

/**
 * The staff side, end to end: the real H5 build, the real BFF on a fresh seeded
 * database, headless Chromium at a phone's size. Staff sign in through the
 * login page, as they would on their phones; citizens' messages come in through
 * the citizen pages or the API. Screenshots go to test/.output/screenshots/staff-*.png.
 */
const e2e = setupE2e({ env: { DEV_LOGIN: 'true' } });
const { api, newPage, staffToken, citizenToken, url, signInHere } = e2e;
const dept = e2e.departmentId;
const signIn = (page: Page, username: string) => e2e.signIn(page, username, STAFF_HOME);

let keySeq = 0;
/** A message through the API, for cases whose submission is not what a test is about. */
async function submitCase(citizen: string, body: Record<string, unknown>) {
  const r = await api<SubmitCaseResult>('/api/cases', {
    method: 'POST',
    token: citizen,
    headers: { 'idempotency-key': `e2e-staff-${Date.now()}-${++keySeq}` },
    body: { anonymous: false, contact: { name: '刘建国', phone: '13912345678' }, consent: true, ...body },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const act = async (username: string, id: number, body: object) => {
  const r = await api<StaffCase>(`/api/staff/cases/${id}/actions`, { method: 'POST', token: await staffToken(username), body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

/** The staff case page of one case, after it has loaded. */
async function openCase(page: Page, id: number | string) {
  await page.goto(url(`/packages/staff/case/index?id=${id}`));
  await button(page, '.st-detail-head, .st-denied').waitFor({ timeout: 20_000 });
}

const clickAction = (page: Page, action: string) => button(page, `.st-action--${action}`).click();
const submitForm = (page: Page) => button(page, '.st-form-submit').click();

const cards = (page: Page) => page.locator('.st-case[data-tracking-no]').filter({ visible: true });

describe('staff pages (H5) on a phone', () => {
  it('a citizen submits → staff sign in → the case is first in the inbox (nearest deadline) → reply with a template → the citizen sees it', async () => {
    const mzj = await dept('mzj');
    // Two earlier messages with later deadlines (投诉, 建议: 13 working days), so "first" means "nearest deadline", not "newest".
    const earlier = await citizenToken('e2e-earlier');
    const complaint = await submitCase(earlier, {
      type: '投诉',
      target: { type: 'department', id: mzj },
      content: '社区养老服务站经常不开门，老人白天没有地方活动，希望尽快解决。',
    });
    const suggestion = await submitCase(earlier, {
      type: '建议',
      target: { type: 'department', id: mzj },
      content: '建议婚姻登记处在周六上午开放预约登记，方便上班族办理。',
    });

    // The citizen leaves a 咨询 (3 working days) on the citizen page.
    const citizen = await newPage();
    await citizen.goto(url(`/packages/cases/new/index?type=${encodeURIComponent('咨询')}&targetType=department&targetId=${mzj}`));
    await citizen
      .locator('textarea')
      .filter({ visible: true })
      .first()
      .fill('我父亲今年 82 岁，想申请高龄津贴，请问需要本人到民政局窗口办理吗？子女可以代办吗？', { timeout: 20_000 });
    await fillContact(citizen, '王秀英', '13800138000');
    await visible(citizen, '提交', { exact: true }).click();
    const trackingNo = (await citizen.locator('.case-tracking-no').first().innerText({ timeout: 20_000 })).trim().replaceAll('-', '');
    expect(trackingNo).toMatch(/^QX\d{15}$/);

    // Staff sign in on their phone.
    const staff = await newPage();
    await staff.goto(url('/packages/staff/login/index'));
    await visible(staff, '工作人员登录').waitFor({ timeout: 20_000 });
    // A wrong password is refused in plain words, and nothing is stored.
    await field(staff, '.st-login-username').fill('mz_staff');
    await field(staff, '.st-login-password').fill('wrong-password');
    await button(staff, '.st-login-submit').click();
    await visible(staff, /用户名或密码/).waitFor({ timeout: 20_000 });
    await field(staff, '.st-login-password').fill('');
    await shoot(staff, 'staff-login');
    // Signing in, the staff member is told of that wrong password first (it could have been someone else).
    await field(staff, '.st-login-password').fill(DEMO_PASSWORD);
    await button(staff, '.st-login-submit').click();
    await visible(staff, '账号安全提醒').waitFor({ timeout: 20_000 });
    await visible(staff, /输错了 1 次密码/).waitFor({ timeout: 20_000 });
    await visible(staff, '知道了').click();
    await staff.waitForURL(/\/packages\/staff\/inbox\/index/, { timeout: 20_000 });

    // Nearest deadline first: the 咨询 submitted last is on top.
    await cards(staff).first().waitFor({ timeout: 20_000 });
    const order = await cards(staff).evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-no')));
    expect(order[0]).toBe(trackingNo);
    expect(order).toEqual(expect.arrayContaining([complaint.trackingNo, suggestion.trackingNo]));
    await expect(cards(staff).first().innerText()).resolves.toMatch(/咨询/);
    // The numbers on the tabs are the server's.
    const counts = (await api<InboxCounts>('/api/staff/inbox-counts', { token: await staffToken('mz_staff') })).body;
    await expect.poll(() => staff.locator('.st-tab--department .st-tab__count').innerText()).toBe(String(counts.department?.open));
    await expect(staff.locator('.st-tab--mine .st-tab__count').innerText()).resolves.toBe(String(counts.mine.open));
    expect(counts.department?.open).toBe(3);
    await shoot(staff, 'staff-inbox');

    // Open it: the citizen's words, the masked number, and only what the state machine allows (受理, 转办, 不予受理 …).
    await cards(staff).first().locator('.st-case__main').click();
    await visible(staff, /高龄津贴/).waitFor({ timeout: 20_000 });
    await expect(staff.locator('.st-contact-phone').innerText()).resolves.toBe('138****8000');
    const offered = await staff.locator('.st-action').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(offered).toEqual(['accept', 'transfer', 'reject', 'note']);
    await clickAction(staff, 'accept');
    await submitForm(staff);
    await visible(staff, /已受理.*承办人：李娟/).waitFor({ timeout: 20_000 });
    // Now the owner: reply is offered, and the full number can be shown (and is recorded).
    await button(staff, '.st-reveal').click();
    await expect.poll(() => staff.locator('.st-contact-phone').innerText()).toBe('13800138000');
    await staff.locator('.zw-event--reveal_contact').first().waitFor({ timeout: 20_000 });

    // Reply with a template, completed with the actual answer.
    await clickAction(staff, 'reply');
    await staff.locator('.st-template').filter({ hasText: '政策答复' }).first().click();
    const box = field(staff, '.st-form-text');
    await expect.poll(() => box.inputValue()).toContain('您咨询的问题答复如下');
    const template = await box.inputValue();
    const answer = template.replace(
      '答复如下：\n',
      '答复如下：\n高龄津贴实行“免申即享”，无需本人到窗口申请，子女也不必代办，每月随养老金发放。',
    );
    await box.fill(answer);
    await submitForm(staff);
    await visible(staff, /当前状态为“已答复”/).waitFor({ timeout: 20_000 });
    await staff.locator('.zw-event--reply').first().waitFor();
    // What the screen shows is what the server holds.
    const heldId = (await api<CaseList>(`/api/staff/cases?state=all&trackingNo=${trackingNo}`, { token: await staffToken('mz_staff') }))
      .body.data[0]!.id;
    const held = (await api<StaffCase>(`/api/staff/cases/${heldId}`, { token: await staffToken('mz_staff') })).body;
    expect(held.state).toBe('answered');
    expect(held.timeline.at(-1)).toMatchObject({ action: 'reply', body: answer.trim() });
    await shoot(staff, 'staff-case');

    // The citizen sees the answer.
    await citizen.goto(url(`/packages/cases/detail/index?id=${held.id}`));
    await visible(citizen, /免申即享/).waitFor({ timeout: 20_000 });
    await expect(citizen.locator('.case-reply-text').innerText()).resolves.toContain('您咨询的问题答复如下');
  });

  it('transfer → the other department sees it and the first no longer does', async () => {
    const citizen = await citizenToken('e2e-transfer');
    const c = await submitCase(citizen, {
      type: '求助',
      target: { type: 'department', id: await dept('mzj') },
      content: '我在外地务工，老家的失业保险金一直没有到账，想请有关部门帮忙查一下。',
    });

    const mz = await newPage();
    await signIn(mz, 'mz_staff');
    // Find it by its tracking number, as staff do when a citizen calls.
    await field(mz, '.st-search-input').fill(c.trackingNo);
    await button(mz, '.st-search-go').click();
    await mz.locator(`.st-case[data-tracking-no="${c.trackingNo}"]`).waitFor({ timeout: 20_000 });
    await mz.locator(`.st-case[data-tracking-no="${c.trackingNo}"] .st-case__main`).click();
    await visible(mz, /失业保险金/).waitFor({ timeout: 20_000 });

    await clickAction(mz, 'transfer');
    // A reason is required: the shared schema says so before the server is asked.
    await mz.locator('.st-dept').filter({ hasText: '县人社局' }).first().click();
    await submitForm(mz);
    await visible(mz, '请填写转办理由').waitFor();
    await field(mz, '.st-form-text').fill('失业保险金发放属于县人社局职责，转人社局核查办理。');
    await submitForm(mz);
    // The server's answer: where it went, and nothing left to do here.
    await visible(mz, /已转办至清溪县人力资源和社会保障局/).waitFor({ timeout: 20_000 });
    await expect(mz.locator('.st-action').count()).resolves.toBe(0);
    await shoot(mz, 'staff-transfer');

    // The first department no longer has it, in the list or by its address.
    await mz.goto(url('/packages/staff/inbox/index'));
    await cards(mz).first().waitFor({ timeout: 20_000 });
    expect(await cards(mz).evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-no')))).not.toContain(c.trackingNo);
    await field(mz, '.st-search-input').fill(c.trackingNo);
    await button(mz, '.st-search-go').click();
    await visible(mz, `没有找到受理编号为 ${c.trackingNo} 的诉求`).waitFor({ timeout: 20_000 });
    await openCase(mz, c.id);
    await visible(mz, '无权查看这件诉求').waitFor();

    // The other department has it, waiting to be accepted.
    const rs = await newPage();
    await signIn(rs, 'rs_staff');
    await rs.locator(`.st-case[data-tracking-no="${c.trackingNo}"]`).waitFor({ timeout: 20_000 });
    await rs.locator(`.st-case[data-tracking-no="${c.trackingNo}"] .st-case__main`).click();
    await visible(rs, /失业保险金/).waitFor({ timeout: 20_000 });
    await expect(rs.locator('.st-detail-head').innerText()).resolves.toMatch(/已转办（待受理）/);
    await rs.locator('.zw-event--transfer').first().waitFor();
    const offered = await rs.locator('.st-action').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(offered).toContain('accept');
  });

  it('a 人社局 staff member cannot open a 民政局 case, from the list or by editing the URL: a clear 无权查看, never a crash', async () => {
    const citizen = await citizenToken('e2e-privacy');
    const c = await submitCase(citizen, {
      type: '咨询',
      target: { type: 'department', id: await dept('mzj') },
      content: '请问办理结婚登记需要提前在网上预约吗？需要带哪些材料？',
    });
    const rs = await newPage();
    await signIn(rs, 'rs_staff');
    await button(rs, '.st-list, .st-empty').waitFor({ timeout: 20_000 });
    expect(await cards(rs).evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-no')))).not.toContain(c.trackingNo);
    await field(rs, '.st-search-input').fill(c.trackingNo);
    await button(rs, '.st-search-go').click();
    await visible(rs, `没有找到受理编号为 ${c.trackingNo} 的诉求`).waitFor({ timeout: 20_000 });

    const errors: string[] = [];
    rs.on('pageerror', (e) => errors.push(e.message));
    await openCase(rs, c.id);
    await visible(rs, '无权查看这件诉求').waitFor();
    await expect(rs.getByText(/请问办理结婚登记/).count()).resolves.toBe(0);
    await shoot(rs, 'staff-denied');
    // A mangled address gets its own plain answer.
    await openCase(rs, 'abc');
    await visible(rs, '链接不完整').waitFor();
    expect(errors).toEqual([]);
    // And the API agrees: the same 404 as an id that does not exist.
    expect((await api(`/api/staff/cases/${c.id}`, { token: await staffToken('rs_staff') })).status).toBe(404);
  });

  it('a case past its deadline shows as overdue to the supervisor → 督办 → the handler sees it; bad ratings wait for 回访', async () => {
    const mzj = await dept('mzj');
    const citizen = await citizenToken('e2e-overdue');
    const late = await submitCase(citizen, {
      type: '求助',
      target: { type: 'department', id: mzj },
      content: '小区楼道的照明灯坏了两个月，老人晚上上下楼很危险，请帮忙协调维修。',
    });
    await act('mz_staff', late.id, { action: 'accept' });
    /*
     * The built server reads the real clock, and nothing in production may move it.
     * So the case is made overdue in the data instead: the test opens the e2e
     * database file (server.dbUrl) and moves this case's received_at and due_at
     * back, as if it had come in ten days ago with a 3-working-day limit. Overdue
     * is computed from due_at at read time, so the server needs no restart.
     */
    const db = createClient({ url: e2e.server.dbUrl });
    const day = 24 * 3600_000;
    // Deadlines end at 23:59:59.999 Beijing time (15:59:59.999Z), five calendar days ago.
    const dueAt = `${beijingDate(Date.now() - 5 * day)}T15:59:59.999Z`;
    await setCaseDates(db, late.id, { receivedAt: new Date(Date.now() - 10 * day).toISOString(), dueAt });
    // And one at risk (临期): due in three hours, the same way.
    const soon = await submitCase(citizen, {
      type: '咨询',
      target: { type: 'department', id: mzj },
      content: '请问残疾人两项补贴每年什么时候复核？需要本人到场吗？',
    });
    await setCaseDates(db, soon.id, { dueAt: new Date(Date.now() + 3 * 3600_000).toISOString() });
    db.close();

    // A bad rating: answered, closed, rated 非常不满意 → a 回访 for the supervisor's list.
    const rated = await submitCase(citizen, {
      type: '投诉',
      target: { type: 'department', id: mzj },
      content: '窗口工作人员态度生硬，问了三次都不耐烦，希望加强管理。',
    });
    await act('mz_staff', rated.id, { action: 'accept' });
    await act('mz_staff', rated.id, { action: 'reply', body: '您好，已对相关工作人员进行批评教育，感谢监督。' });
    await act('mz_staff', rated.id, { action: 'close' });
    expect(
      (
        await api(`/api/cases/${rated.id}/rating`, {
          method: 'POST',
          token: citizen,
          body: { level: 1, comment: '只是批评教育，问题没有解决。' },
        })
      ).status,
    ).toBe(201);

    const sup = await newPage();
    await signIn(sup, 'supervisor');
    expect(sup.url()).toContain('/packages/staff/supervisor/index');
    const card = sup.locator(`.st-case[data-tracking-no="${late.trackingNo}"]`);
    await card.waitFor({ timeout: 20_000 });
    await expect(card.locator('.st-due--overdue').innerText()).resolves.toBe('已超期');
    await expect(card.innerText()).resolves.toMatch(/已超期 5 天/);
    // The department chart names 民政局 with its overdue count.
    const bar = sup.locator('#chart-dept-overdue .st-bars__bar').filter({ visible: true }).first();
    await bar.waitFor({ timeout: 20_000 });
    const stats = (await api<StaffStats>('/api/staff/stats', { token: await staffToken('supervisor') })).body;
    const mzOverdue = stats.departments.find((d) => d.departmentId === mzj)?.overdueNow;
    expect(mzOverdue).toBeGreaterThanOrEqual(1);
    await expect(sup.locator(`#chart-dept-overdue .st-bars__bar[data-key="${mzj}"]`).getAttribute('data-value')).resolves.toBe(
      String(mzOverdue),
    );
    await shoot(sup, 'staff-supervisor');

    // 督办 from the list.
    await card.locator('.st-chase-open').click();
    await field(card, '.st-chase-text').fill('该诉求已超期 5 天，请今日内联系群众并答复，办理结果报督办室。');
    await card.locator('.st-chase-send').click();
    await expect
      .poll(
        () =>
          card
            .locator('.st-case__chased')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe('已督办 1 次');

    // The 回访 list.
    await sup.locator('.st-tab--follow_ups').click();
    await visible(sup, /只是批评教育/).waitFor({ timeout: 20_000 });
    await shoot(sup, 'staff-follow-ups');

    // The handler opens the case and sees the chase first.
    const mz = await newPage();
    await signIn(mz, 'mz_staff');
    await openCase(mz, late.id);
    await visible(mz, '督办 1 次，请优先办理').waitFor({ timeout: 20_000 });
    await expect(mz.locator('.st-chase-notice').innerText()).resolves.toContain('今日内联系群众并答复');
    await mz.locator('.zw-event--chase').first().waitFor();
    await expect(mz.locator('.st-detail-head .st-due--overdue').innerText()).resolves.toBe('已超期');
    await shoot(mz, 'staff-case-chased');

    // In the handler's inbox the overdue case comes first, then the one at risk, each with its badge.
    await mz.goto(url('/packages/staff/inbox/index'));
    await cards(mz).first().waitFor({ timeout: 20_000 });
    const top = await cards(mz).evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-tracking-no')));
    expect(top).toEqual([late.trackingNo, soon.trackingNo]);
    await expect(cards(mz).nth(0).locator('.st-due').innerText()).resolves.toBe('已超期');
    await expect(cards(mz).nth(0).locator('.st-case__chased').innerText()).resolves.toBe('已督办 1 次');
    await expect(cards(mz).nth(1).locator('.st-due').innerText()).resolves.toBe('临期');
    await expect(mz.locator('.st-overdue-count').innerText()).resolves.toBe('1');
    // The deadline filter: overdue only.
    await mz.locator('.st-filters-toggle').click();
    await mz.locator('.st-chip').filter({ hasText: '已超期' }).first().click();
    await expect
      .poll(() => cards(mz).evaluateAll((els) => els.map((e) => e.getAttribute('data-tracking-no'))), { timeout: 20_000 })
      .toEqual([late.trackingNo]);
    await mz
      .locator('.st-chip')
      .filter({ hasText: /^全部$/ })
      .last()
      .click();
    await expect.poll(() => cards(mz).count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await shoot(mz, 'staff-inbox-deadlines');
    // Citizens never see a chase.
    const seen = (await api<CitizenCase>(`/api/cases/${late.id}`, { token: citizen })).body;
    expect(seen.timeline.map((e) => e.action)).not.toContain('chase');
  });

  it('the figures page draws its charts, and each chart carries the server’s values', async () => {
    const page = await newPage();
    await signIn(page, 'mz_staff');
    await page.goto(url('/packages/staff/figures/index'));
    await page.locator('#chart-received-closed').waitFor({ timeout: 20_000 });

    // The same request the page makes: the last 7 days, Beijing dates.
    const today = beijingDate(Date.now());
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 24 * 3600_000).toISOString().slice(0, 10);
    const stats = (await api<StaffStats>(`/api/staff/stats?from=${from}&to=${today}`, { token: await staffToken('mz_staff') })).body;
    // This file's messages to 民政局 in the last 7 days (the overdue one was moved back 10 days; one went to 人社局).
    expect(stats.total.received).toBe(6);

    // 受理 vs 办结: one pair of bars per day, each with its value.
    const bars = await page.locator('#chart-received-closed .st-cols__bar').evaluateAll((els) =>
      els.map((e) => ({
        series: e.getAttribute('data-series'),
        value: Number(e.getAttribute('data-value')),
        height: e.getBoundingClientRect().height,
      })),
    );
    expect(bars).toHaveLength(14);
    expect(bars.filter((b) => b.series === 'received').map((b) => b.value)).toEqual(stats.daily.map((d) => d.received));
    expect(bars.filter((b) => b.series === 'closed').map((b) => b.value)).toEqual(stats.daily.map((d) => d.closed));
    // Drawn to scale: the tallest received bar is the day with the most messages.
    const received = bars.filter((b) => b.series === 'received');
    const tallest = received.reduce((a, b) => (b.height > a.height ? b : a));
    expect(tallest.value).toBe(Math.max(...stats.daily.map((d) => d.received)));
    await expect(page.locator('#chart-received-closed [data-series="received"][data-total]').getAttribute('data-total')).resolves.toBe(
      String(stats.total.received),
    );

    // Rates, the satisfaction distribution and overdue now.
    const meter = async (id: string) => page.locator(`#${id}`).getAttribute('data-value');
    await expect(meter('chart-on-time')).resolves.toBe(stats.total.onTimeRate === null ? '' : String(stats.total.onTimeRate));
    await expect(meter('chart-closed-rate')).resolves.toBe(String(stats.total.closedRate));
    await expect(meter('chart-satisfaction')).resolves.toBe(
      stats.total.satisfactionRate === null ? '' : String(stats.total.satisfactionRate),
    );
    for (const level of ['1', '2', '3', '4', '5'] as const) {
      await expect(page.locator(`#chart-ratings .st-bars__bar[data-key="${level}"]`).getAttribute('data-value')).resolves.toBe(
        String(stats.total.ratingDistribution[level]),
      );
    }
    expect(stats.total.ratingDistribution['1']).toBe(1);
    await expect(page.locator('#chart-overdue-now').getAttribute('data-value')).resolves.toBe(String(stats.total.overdueNow));
    expect(stats.total.overdueNow).toBeGreaterThanOrEqual(1);
    await expect(page.locator('#chart-overdue-now').innerText()).resolves.toContain(String(stats.total.overdueNow));
    await shoot(page, 'staff-figures');

    // Another period: weeks.
    await page.locator('.st-period--8w').click();
    await expect.poll(() => page.locator('#chart-received-closed .st-cols__group').count(), { timeout: 20_000 }).toBe(8);
  });

  it('keeps the staff session out of the citizen pages on the same phone', async () => {
    const page = await newPage();
    await signIn(page, 'mz_staff');
    // Same browser, citizen pages: they sign in as a citizen of their own; a staff token would get 403 here.
    const mine = page.waitForResponse((r) => r.url().includes('/api/cases/mine'));
    await page.goto(url('/packages/cases/mine/index'));
    const res = await mine;
    expect(res.status()).toBe(200);
    const sent = res.request().headers().authorization ?? '';
    const me = await api<Me>('/api/auth/me', { headers: { authorization: sent } });
    expect(me.body.kind).toBe('citizen');
    await visible(page, '您还没有提交过诉求').waitFor({ timeout: 20_000 });
    // And the staff session is still there for the staff pages.
    await page.goto(url('/packages/staff/inbox/index'));
    await cards(page).first().waitFor({ timeout: 20_000 });
    // Signing out ends the staff session only.
    await page.locator('.st-logout').click();
    await page.getByText('退出', { exact: true }).filter({ visible: true }).last().click();
    await page.waitForURL(/\/packages\/staff\/login\/index/, { timeout: 20_000 });
    await visible(page, '您已退出登录。').waitFor();
    // A staff page opened without a session (a notification tapped later) asks to sign in, then opens that page.
    await page.goto(url('/packages/staff/case/index?id=1'));
    await page.waitForURL(/\/packages\/staff\/login\/index/, { timeout: 20_000 });
    await signInHere(page, 'mz_staff', /\/packages\/staff\/case\/index\?id=1/);
    await visible(page, /养老服务站/).waitFor({ timeout: 20_000 }); // case 1: the first message of this file
  });
});
