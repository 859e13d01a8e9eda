// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';

/**
 * The 代为登记 page against the real BFF on loopback (sign-in, departments), with
 * POST /api/staff/cases answered by a stand-in that keeps the route's contract
 * (the route is built in parallel): one case per Idempotency-Key, the first
 * result again for a repeated key.
 */
let bff: LiveBff;
let RecordCase: typeof import('./index').default;

type Received = { key: string | null; auth: string | null; body: Record<string, unknown> };
const received: Received[] = [];
const byKey = new Map<string, unknown>();

async function standIn(req: Request): Promise<Response> {
  const key = req.headers.get('idempotency-key');
  const body = (await req.json()) as Record<string, unknown>;
  received.push({ key, auth: req.headers.get('authorization'), body });
  const citizen = body.citizen as { phone: string };
  if (citizen.phone === '13900000000')
    return Response.json(
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误',
          details: { issues: [{ field: 'citizen.phone', message: '这个号码不能接收短信' }] },
        },
      },
      { status: 400 },
    );
  if (!key) return Response.json({ error: { code: 'VALIDATION_FAILED', message: '缺少 Idempotency-Key 请求头' } }, { status: 400 });
  if (!byKey.has(key)) {
    const n = byKey.size + 1;
    byKey.set(key, {
      id: 900 + n,
      trackingNo: `QX2026120300${n}`,
      queryCode: n === 1 ? 'K7P3M9' : null,
      state: 'submitted',
      receivedAt: '2026-12-03T02:00:00.000Z',
      dueAt: '2026-12-08T15:59:59.000Z',
    });
  }
  return Response.json(byKey.get(key), { status: 201 });
}

beforeAll(async () => {
  bff = await startBff();
  bff.gateway = (req) =>
    req.method === 'POST' && new URL(req.url).pathname === '/api/staff/cases' ? standIn(req) : bff.ctx.app.fetch(req);
  RecordCase = (await import('./index')).default;
});
afterAll(() => bff.close());

beforeEach(async () => {
  received.length = 0;
  byKey.clear();
  const { staffApi } = await import('../services/staff-api');
  const { saveSession } = await import('../../../services/staff-session');
  saveSession(await staffApi.login('mz_staff', 'qingxi-demo-2026'));
});

const byClass = (cls: string) => document.querySelector(`.${cls}`) as HTMLInputElement;
const type = (cls: string, value: string) => fireEvent.change(byClass(cls), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole('button', { name: '提交登记' }));

async function fill(phone = '13812345678') {
  await screen.findByText('清溪县民政局');
  fireEvent.click(screen.getByRole('button', { name: '窗口' }));
  fireEvent.click(screen.getByRole('button', { name: '求助' }));
  type('st-record-content', '老人想办理高龄津贴，不知道要带什么材料。');
  type('st-record-name', '王秀英');
  type('st-record-phone', phone);
  fireEvent.click(screen.getByRole('checkbox'));
}

describe('代为登记', () => {
  it("defaults to the staff member's own department and sends nothing while the form is incomplete", async () => {
    render(<RecordCase />);
    await screen.findByText('清溪县民政局');
    submit();
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual([
      '请选择登记方式：窗口或电话',
      '请选择留言类型',
      '内容至少 10 个字，请把群众反映的情况记清楚',
      '请填写群众姓名',
      '请填写正确的手机号或带区号的固定电话',
      '请先向群众告知个人信息保护说明并取得同意',
    ]);
    expect(received).toHaveLength(0);
  });

  it('a lost answer is retried with the same key and recorded once; the next citizen gets a new key', async () => {
    render(<RecordCase />);
    await fill();
    fake.lostAnswers = 1;
    submit();
    await screen.findByText(/登记可能已经送达/);
    expect(received).toHaveLength(1);

    submit();
    await screen.findByText('已代为登记');
    expect(received).toHaveLength(2);
    expect(received[0]!.key).toMatch(/^[0-9a-f]{32}$/);
    expect(received[1]!.key).toBe(received[0]!.key);
    expect(byKey.size).toBe(1);
    expect(received[1]!.auth).toMatch(/^Bearer /);
    expect(received[1]!.body).toEqual({
      channel: 'counter',
      type: '求助',
      target: { type: 'department', id: expect.any(Number) },
      content: '老人想办理高龄津贴，不知道要带什么材料。',
      citizen: { name: '王秀英', phone: '13812345678' },
      consent: true,
    });

    // The codes, big, with copy buttons and the SMS line; nothing of the citizen kept in storage.
    expect(byClass('st-tracking-no').textContent).toBe('QX20261203001');
    expect(byClass('st-query-code').textContent).toBe('K7P3M9');
    expect(screen.getByText('已向群众手机发送受理短信（如留有手机号）。')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: '复制' })[0]!);
    expect(fake.callsOf('setClipboardData')).toEqual([{ data: 'QX20261203001' }]);
    expect(JSON.stringify([...fake.storage.values()])).not.toContain('13812345678');

    fireEvent.click(screen.getByRole('button', { name: '再登记一件' }));
    await fill('0571-88886666');
    submit();
    await screen.findByText('已代为登记');
    expect(received).toHaveLength(3);
    expect(received[2]!.key).not.toBe(received[0]!.key);
    expect(byClass('st-tracking-no').textContent).toBe('QX20261203002');
    expect(document.querySelector('.st-query-code')).toBeNull();
  });

  it("shows the server's field message under the field and keeps the form", async () => {
    render(<RecordCase />);
    await fill('13900000000');
    submit();
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('这个号码不能接收短信'));
    expect(screen.getByText('提交的内容有误')).toBeTruthy();
    expect(byClass('st-record-name').value).toBe('王秀英');
  });
});
