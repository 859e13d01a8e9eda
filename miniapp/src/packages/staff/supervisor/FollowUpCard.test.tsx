// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';
import type { StaffSession } from '../../../services/staff-session';
import type { FollowUp } from '../services/issue11';

/**
 * One 回访 card: a supervisor takes it (由我回访), reveals the contact after an
 * explicit tap and dials it, and records the outcome; the form refuses what the
 * server would. The real BFF signs staff in; the issue-11 follow-up routes (built in
 * parallel) are answered by stand-ins keeping their contract.
 */
let bff: LiveBff;
let FollowUpCard: typeof import('./FollowUpCard').default;
const sent: Array<{ path: string; body: unknown }> = [];
let current: FollowUp;

const open = (patch: Partial<FollowUp> = {}): FollowUp => ({
  id: 41,
  status: 'open',
  dueAt: '2026-12-10T15:59:59.000Z',
  overdue: false,
  createdAt: '2026-12-01T02:00:00.000Z',
  department: { id: 3, name: '清溪县民政局' },
  rating: {
    id: 7,
    level: 1,
    levelLabel: '非常不满意',
    comment: '跑了三趟还没办好',
    createdAt: '2026-12-01T02:00:00.000Z',
    caseId: 12,
    windowId: null,
    visitDate: null,
    department: { id: 3, name: '清溪县民政局' },
    appealed: false,
    appealReason: null,
    appealedAt: null,
  },
  case: {
    id: 12,
    trackingNo: 'QX202612010001',
    title: '高龄津贴迟迟未到账',
    anonymous: false,
    contactName: '王秀英',
    contactPhoneMasked: '138****5678',
  },
  window: null,
  result: null,
  doneAt: null,
  staff: null,
  assignee: null,
  outcome: null,
  attempts: 0,
  citizenView: null,
  rectified: null,
  publicNote: null,
  ...patch,
});

beforeAll(async () => {
  bff = await startBff();
  bff.gateway = async (req) => {
    const path = new URL(req.url).pathname;
    const m = /^\/api\/staff\/follow-ups\/(\d+)(\/assign|\/contact)?$/.exec(path);
    if (req.method !== 'POST' || !m) return bff.ctx.app.fetch(req);
    const body = req.headers.get('content-type')?.includes('json') ? await req.json() : null;
    sent.push({ path, body });
    if (m[2] === '/assign') {
      current = { ...current, assignee: { id: (body as { staffId: number }).staffId, name: '陈立新' } };
      return Response.json(current);
    }
    if (m[2] === '/contact') return Response.json({ name: '王秀英', phone: '13812345678' });
    const b = body as Record<string, unknown>;
    current = { ...current, status: 'done', doneAt: '2026-12-03T03:00:00.000Z', ...b } as FollowUp;
    return Response.json(current);
  };
  FollowUpCard = (await import('./FollowUpCard')).default;
});
afterAll(() => bff.close());

async function signIn(username: string): Promise<StaffSession> {
  const { staffApi } = await import('../services/staff-api');
  const { saveSession } = await import('../../../services/staff-session');
  return saveSession(await staffApi.login(username, 'qingxi-demo-2026'))!;
}

/** The card as the list holds it: re-rendered with what the server answered. */
function Harness({ me }: { me: StaffSession['user'] }) {
  const [f, setF] = useState(current);
  return <FollowUpCard f={f} me={me} onChange={(next) => setF(next)} />;
}

beforeEach(() => {
  sent.length = 0;
  current = open();
});

const button = (name: string) => screen.getByRole('button', { name });
const type = (cls: string, value: string) => fireEvent.change(document.querySelector(`.${cls}`)!, { target: { value } });

describe('回访 card', () => {
  it('a supervisor takes it, reveals the contact only on tap, and dials it; nothing is stored', async () => {
    const me = (await signIn('supervisor')).user;
    render(<Harness me={me} />);
    expect(screen.getByText(/王秀英 138\*\*\*\*5678/)).toBeTruthy();
    expect(screen.getByText('尚未指派回访人')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '查看完整号码' })).toBeNull();

    fireEvent.click(button('由我回访'));
    await screen.findByText('回访人：陈立新（我）');
    expect(sent).toEqual([{ path: '/api/staff/follow-ups/41/assign', body: { staffId: me.id } }]);
    expect(screen.queryByText(/13812345678/)).toBeNull();

    fireEvent.click(button('查看完整号码'));
    await screen.findByText('王秀英 13812345678');
    expect(sent.at(-1)).toEqual({ path: '/api/staff/follow-ups/41/contact', body: null });
    fireEvent.click(button('拨打'));
    expect(fake.callsOf('makePhoneCall')).toEqual([{ phoneNumber: '13812345678' }]);
    expect(JSON.stringify([...fake.storage.values()])).not.toContain('13812345678');
  });

  it('the outcome form refuses what the server would, then sends the structured result', async () => {
    const me = (await signIn('supervisor')).user;
    current = open({ assignee: { id: me.id, name: me.name } });
    render(<Harness me={me} />);
    fireEvent.click(button('记录回访结果'));
    fireEvent.click(button('未联系上'));
    fireEvent.click(button('增加一次'));
    type('st-outcome-view', '两次拨打无人接听');
    fireEvent.click(button('未整改'));
    type('st-outcome-note', '可拨打 0571-88886666 咨询');
    type('st-outcome-result', '将继续联系');
    fireEvent.click(button('保存回访结果'));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      '至少联系 3 次仍联系不上，才能记为“未联系上”',
      '公开说明会显示给群众，不能写电话号码',
    ]);
    expect(sent).toHaveLength(0);

    fireEvent.click(button('增加一次'));
    type('st-outcome-note', '已多次联系群众未果，部门已安排上门');
    fireEvent.click(button('保存回访结果'));
    await screen.findByText('已回访');
    expect(sent).toEqual([
      {
        path: '/api/staff/follow-ups/41',
        body: {
          outcome: 'unreachable',
          attempts: 3,
          citizenView: '两次拨打无人接听',
          rectified: false,
          publicNote: '已多次联系群众未果，部门已安排上门',
          result: '将继续联系',
        },
      },
    ]);
    expect(screen.getByText('未联系上（联系 3 次） · 未整改')).toBeTruthy();
    expect(screen.getByText('公开说明（群众可见）：已多次联系群众未果，部门已安排上门')).toBeTruthy();
  });

  it('department staff cannot take a 回访, nor reveal or record one assigned to someone else', async () => {
    const me = (await signIn('mz_staff')).user;
    current = open({ assignee: { id: me.id + 1000, name: '陈立新' } });
    render(<Harness me={me} />);
    expect(screen.getByText('回访人：陈立新')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /由我回访/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '查看完整号码' })).toBeNull();
    expect(screen.queryByRole('button', { name: '记录回访结果' })).toBeNull();
  });

  it('a 回访 assigned to a staff member: they reveal the contact and record it', async () => {
    const me = (await signIn('mz_staff')).user;
    current = open({ assignee: { id: me.id, name: me.name }, overdue: true });
    render(<Harness me={me} />);
    expect(screen.getByText('回访超期')).toBeTruthy();
    expect(button('查看完整号码')).toBeTruthy();
    expect(button('记录回访结果')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: /由我回访/ })).toBeNull());
  });
});
