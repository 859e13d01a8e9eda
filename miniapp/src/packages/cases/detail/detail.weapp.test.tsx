// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeWechat } from '../../../../../bff/test/support/wechat-server';
import { startWeappBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';

/**
 * 开启提醒 on the case page in WeChat, against the real BFF: a citizen who
 * refused on 提交 is offered the templates again, one tap asks for exactly the
 * missing ones (inside the tap) and the accepted consent is stored, after which
 * the offer is gone.
 */
let wx: FakeWechat;
let bff: LiveBff;
let CaseDetail: typeof import('./index').default;
let api: typeof import('../../../services/api').api;
const subscribe = vi.fn();

beforeAll(async () => {
  const live = await startWeappBff();
  bff = live;
  wx = live.wx;
  CaseDetail = (await import('./index')).default;
  api = (await import('../../../services/api')).api;
});
afterAll(() => bff.close());
beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
  fake.loginCode = () => wx.issueCode('o-detail-citizen');
  subscribe.mockReset();
  (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = subscribe;
});

describe('开启提醒 on the case page (WeChat)', () => {
  it('offers the refused topics again and stores the consent given with one tap', async () => {
    const departments = await api.departments();
    const submitted = await api.submitCase(
      {
        type: '咨询',
        target: { type: 'department', id: departments.data[0]!.id },
        content: '请问社区食堂的老年人用餐补贴怎么申请？',
        anonymous: true,
        photoIds: [],
        subscriptions: { TPL_ANSWERED: 'reject', TPL_PROGRESS: 'accept', TPL_FOLLOW_UP: 'reject' },
      },
      'c0ffee00c0ffee00c0ffee00c0ffee01',
    );
    fake.routerParams = { id: String(submitted.id) };
    subscribe.mockImplementation(async (arg: { tmplIds: string[] }) => ({
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(arg.tmplIds.map((id) => [id, 'accept'])),
    }));

    render(<CaseDetail />);
    const button = await screen.findByRole('button', { name: '开启提醒' });
    expect(screen.getByText(/答复通知、回访结果通知会通过微信发给您/)).toBeTruthy();
    fireEvent.click(button);
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(subscribe.mock.calls[0]![0]).toMatchObject({ tmplIds: ['TPL_ANSWERED', 'TPL_FOLLOW_UP'] });

    await waitFor(() => expect(screen.queryByRole('button', { name: '开启提醒' })).toBeNull());
    const rows = await bff.ctx.client.execute({
      sql: 'SELECT topic, last_result, credits FROM case_subscriptions WHERE case_id = ? ORDER BY topic',
      args: [submitted.id],
    });
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([
      { topic: 'answered', last_result: 'accept', credits: 1 },
      { topic: 'follow_up', last_result: 'accept', credits: 1 },
      { topic: 'progress', last_result: 'accept', credits: 1 },
    ]);
  });

  it('a failed request says how to turn reminders on and changes nothing', async () => {
    const departments = await api.departments();
    const submitted = await api.submitCase(
      {
        type: '建议',
        target: { type: 'department', id: departments.data[0]!.id },
        content: '建议公交站台增加遮阳棚和座椅。',
        anonymous: true,
        photoIds: [],
      },
      'c0ffee00c0ffee00c0ffee00c0ffee02',
    );
    fake.routerParams = { id: String(submitted.id) };
    subscribe.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 });
    render(<CaseDetail />);
    fireEvent.click(await screen.findByRole('button', { name: '开启提醒' }));
    expect(await screen.findByText(/请在微信“设置 → 通知”里允许/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '开启提醒' })).toBeTruthy();
  });
});

describe('a case that cannot be opened', () => {
  it('is never a dead end: 重试, and 返回我的诉求 which opens the list', async () => {
    fake.routerParams = { id: '987654' };
    render(<CaseDetail />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/没有找到|不存在|无权/);
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '返回我的诉求' }));
    expect(fake.callsOf('navigateTo')).toEqual([{ url: '/packages/cases/mine/index' }]);
  });
});
