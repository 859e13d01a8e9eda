// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';
import type { StaffSession } from '../../../services/staff-session';

/**
 * Staff reminders in WeChat: the templates come from GET /api/reminders/templates
 * (not a build-time setting), the subscription is requested inside the tap, before
 * anything is awaited, and WeChat's answer is posted to /api/staff/reminders. The
 * real BFF signs the staff member in; the issue-11 routes (built in parallel) are
 * answered by stand-ins with their contract.
 */
let bff: LiveBff;
let BindWechat: typeof import('./BindWechat').default;

const STAFF_TEMPLATES = [
  { topic: 'todo', templateId: 'TPL_TODO', label: '新待办通知' },
  { topic: 'supervision', templateId: 'TPL_SUPERVISION', label: '督办与临期、超期提醒' },
];
let staffTemplates = STAFF_TEMPLATES;
const posted: unknown[] = [];
const order: string[] = [];

beforeAll(async () => {
  bff = await startBff({}, 'weapp');
  bff.gateway = async (req) => {
    const path = new URL(req.url).pathname;
    if (req.method === 'GET' && path === '/api/reminders/templates') {
      order.push('templates');
      return Response.json({
        citizen: [{ topic: 'answered', templateId: 'TPL_CITIZEN', label: '答复通知' }],
        staff: staffTemplates,
        longTerm: false,
      });
    }
    if (req.method === 'POST' && path === '/api/staff/reminders') {
      if (!req.headers.get('authorization')?.startsWith('Bearer '))
        return Response.json({ error: { code: 'UNAUTHENTICATED' } }, { status: 401 });
      posted.push(await req.json());
      return Response.json({ ok: true });
    }
    if (req.method === 'POST' && path === '/api/auth/staff/bind-wechat') {
      order.push('bind');
      const me = (await (await bff.ctx.app.fetch(new Request(`${bff.url}/api/auth/me`, { headers: req.headers }))).json()) as object;
      return Response.json({ ...me, wechatBound: true });
    }
    return bff.ctx.app.fetch(req);
  };
  BindWechat = (await import('./BindWechat')).default;
});
afterAll(() => bff.close());

let session: StaffSession;
const subscribe = vi.fn();
beforeEach(async () => {
  posted.length = 0;
  order.length = 0;
  staffTemplates = STAFF_TEMPLATES;
  process.env.TARO_ENV = 'weapp';
  subscribe.mockReset();
  subscribe.mockImplementation(async (arg: unknown) => {
    order.push('requestSubscribeMessage');
    fake.calls.push({ api: 'requestSubscribeMessage', arg });
    return { errMsg: 'requestSubscribeMessage:ok', TPL_TODO: 'accept', TPL_SUPERVISION: 'reject', TPL_OTHER: 'accept' };
  });
  (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = subscribe;
  const { staffApi } = await import('../services/staff-api');
  const { saveSession } = await import('../../../services/staff-session');
  session = saveSession(await staffApi.login('mz_staff', 'qingxi-demo-2026'))!;
});

const bound = () => ({ ...session, user: { ...session.user, wechatBound: true } });

describe('staff reminders (BindWechat)', () => {
  it('asks for the staff templates inside the 开启提醒 tap and posts what WeChat answered', async () => {
    render(<BindWechat session={bound()} />);
    const button = await screen.findByRole('button', { name: '开启提醒' });
    expect(screen.getByText(/新待办通知、督办与临期、超期提醒/)).toBeTruthy();
    expect(subscribe).not.toHaveBeenCalled();

    fireEvent.click(button);
    // Synchronously, within the tap: nothing was awaited before the request.
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(subscribe.mock.calls[0]![0]).toEqual({ tmplIds: ['TPL_TODO', 'TPL_SUPERVISION'], entityIds: [] });

    await waitFor(() => expect(posted).toHaveLength(1));
    // Only the asked templates, errMsg dropped; the refusal is posted too (recorded as not subscribed).
    expect(posted[0]).toEqual({ results: { TPL_TODO: 'accept', TPL_SUPERVISION: 'reject' } });
    await waitFor(() => expect(fake.callsOf('showToast').at(-1)).toMatchObject({ title: '已开启 1 项提醒' }));
  });

  it('a request WeChat refuses outright posts nothing and says so', async () => {
    subscribe.mockImplementation(async () => {
      throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' };
    });
    render(<BindWechat session={bound()} />);
    fireEvent.click(await screen.findByRole('button', { name: '开启提醒' }));
    await waitFor(() => expect(fake.callsOf('showToast').at(-1)).toMatchObject({ title: '没有开启提醒，可稍后再试' }));
    expect(posted).toHaveLength(0);
  });

  it('the 绑定微信 tap asks first (before wx.login), binds, then posts the answer', async () => {
    render(<BindWechat session={session} />);
    const button = await screen.findByRole('button', { name: '绑定微信' });
    await waitFor(() => expect(button.hasAttribute('disabled') && button.getAttribute('disabled') !== 'false').toBe(false));
    fireEvent.click(button);
    expect(subscribe).toHaveBeenCalledTimes(1);
    // wx.login (for the binding) comes after the request, never before it.
    expect(fake.calls.map((c) => c.api).filter((a) => a === 'login' || a === 'requestSubscribeMessage')).toEqual([
      'requestSubscribeMessage',
      'login',
    ]);
    await waitFor(() => expect(posted).toEqual([{ results: { TPL_TODO: 'accept', TPL_SUPERVISION: 'reject' } }]));
    expect(order).toEqual(['templates', 'requestSubscribeMessage', 'bind']);
    expect(fake.callsOf('login')).toHaveLength(1);
    await screen.findByRole('button', { name: '开启提醒' });
  });

  it('asks for at most three templates', async () => {
    staffTemplates = ['A1', 'A2', 'A3', 'A4'].map((id) => ({ topic: 'todo', templateId: id, label: id }));
    render(<BindWechat session={bound()} />);
    fireEvent.click(await screen.findByRole('button', { name: '开启提醒' }));
    expect(subscribe.mock.calls[0]![0]).toEqual({ tmplIds: ['A1', 'A2', 'A3'], entityIds: [] });
  });

  it('with no staff template configured, a bound account sees nothing to subscribe to', async () => {
    staffTemplates = [];
    const { container } = render(<BindWechat session={bound()} />);
    await waitFor(() => expect(order).toEqual(['templates']));
    await new Promise((r) => setTimeout(r, 50));
    expect(container.textContent).toBe('');
  });

  it('outside WeChat: no card and no request', async () => {
    process.env.TARO_ENV = 'h5';
    const { container } = render(<BindWechat session={session} />);
    await new Promise((r) => setTimeout(r, 100));
    expect(container.textContent).toBe('');
    expect(order).toEqual([]);
  });
});
