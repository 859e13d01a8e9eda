// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeWechat } from '../../../../../bff/test/support/wechat-server';
import { startWeappBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';

/**
 * 我要留言 in WeChat, against the real BFF (real templates route, real
 * submission, real subscription records) and a local code2Session: consent is
 * asked on the 提交 tap before anything is awaited, with the configured citizen
 * templates, and a refusal or a failed request still submits the message.
 */
let wx: FakeWechat;
let bff: LiveBff;
let NewCase: typeof import('./index').default;
const order: string[] = [];
const subscribe = vi.fn();

beforeAll(async () => {
  const live = await startWeappBff();
  bff = live;
  wx = live.wx;
  bff.gateway = (req) => {
    const u = new URL(req.url);
    order.push(`${req.method} ${u.pathname}`);
    return bff.ctx.app.fetch(req);
  };
  NewCase = (await import('./index')).default;
});
afterAll(() => bff.close());

let n = 0;
beforeEach(() => {
  order.length = 0;
  process.env.TARO_ENV = 'weapp';
  const openid = `o-new-case-${++n}`;
  fake.loginCode = () => wx.issueCode(openid);
  subscribe.mockReset();
  (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = subscribe;
});

async function departmentId(): Promise<number> {
  const res = await bff.ctx.app.fetch(new Request(`${bff.url}/api/departments`));
  return ((await res.json()) as { data: { id: number; code: string }[] }).data[0]!.id;
}

async function fillAnonymous() {
  fake.routerParams = { type: encodeURIComponent('咨询'), targetType: 'department', targetId: String(await departmentId()) };
  render(<NewCase />);
  await waitFor(() => expect(order).toContain('GET /api/reminders/templates'));
  fireEvent.change(document.querySelector('.case-textarea')!, { target: { value: '请问老年人优待证在哪里办理，需要带什么材料？' } });
  fireEvent.click(document.querySelector('.case-anonymous')!);
}

const storedSubscriptions = async (trackingNo: string) =>
  (
    await bff.ctx.client.execute({
      sql: 'SELECT s.topic, s.template_id, s.last_result, s.credits FROM case_subscriptions s JOIN cases c ON c.id = s.case_id WHERE c.tracking_no = ? ORDER BY s.topic',
      args: [trackingNo],
    })
  ).rows.map((r) => ({ ...r }));

describe('我要留言 in WeChat: reminders asked on the 提交 tap', () => {
  it('asks for the three configured templates inside the tap, before any request, and stores what was accepted', async () => {
    subscribe.mockImplementation(async (arg: unknown) => {
      order.push('requestSubscribeMessage');
      fake.calls.push({ api: 'requestSubscribeMessage', arg });
      return { errMsg: 'requestSubscribeMessage:ok', TPL_ANSWERED: 'accept', TPL_PROGRESS: 'reject', TPL_FOLLOW_UP: 'accept' };
    });
    await fillAnonymous();
    const before = order.length;
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    // Synchronously inside the tap: nothing was sent between the tap and the consent request.
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(order.slice(before)).toEqual(['requestSubscribeMessage']);
    expect(subscribe.mock.calls[0]![0]).toMatchObject({ tmplIds: ['TPL_ANSWERED', 'TPL_PROGRESS', 'TPL_FOLLOW_UP'] });

    await screen.findByText('已提交');
    const trackingNo = document.querySelector('.case-tracking-no')!.textContent!.replaceAll('-', '');
    expect(await storedSubscriptions(trackingNo)).toEqual([
      { topic: 'answered', template_id: 'TPL_ANSWERED', last_result: 'accept', credits: 1 },
      { topic: 'follow_up', template_id: 'TPL_FOLLOW_UP', last_result: 'accept', credits: 1 },
      { topic: 'progress', template_id: 'TPL_PROGRESS', last_result: 'reject', credits: 0 },
    ]);
  });

  it('a citizen who turned reminders off (requestSubscribeMessage fails) still submits, with nothing subscribed', async () => {
    subscribe.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 });
    await fillAnonymous();
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(subscribe).toHaveBeenCalledTimes(1);
    await screen.findByText('已提交');
    const trackingNo = document.querySelector('.case-tracking-no')!.textContent!.replaceAll('-', '');
    expect(trackingNo).toMatch(/^QX/);
    expect(await storedSubscriptions(trackingNo)).toEqual([]);
  });

  it('a form with mistakes sends nothing, and the corrected retry of the same draft does not ask again', async () => {
    subscribe.mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      TPL_ANSWERED: 'reject',
      TPL_PROGRESS: 'reject',
      TPL_FOLLOW_UP: 'reject',
    });
    fake.routerParams = { targetType: 'department', targetId: String(await departmentId()) };
    render(<NewCase />);
    await waitFor(() => expect(order).toContain('GET /api/reminders/templates'));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('请选择留言类型')).toBeTruthy();
    expect(order.filter((o) => o === 'POST /api/cases')).toHaveLength(0);

    fireEvent.click(screen.getByRole('radio', { name: /咨询/ }));
    fireEvent.change(document.querySelector('.case-textarea')!, { target: { value: '请问老年人优待证在哪里办理，需要带什么材料？' } });
    fireEvent.click(document.querySelector('.case-anonymous')!);
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await screen.findByText('已提交');
    // Once per draft: the answers of the first tap go with the corrected message.
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(order.filter((o) => o === 'POST /api/cases')).toHaveLength(1);
  });
});
