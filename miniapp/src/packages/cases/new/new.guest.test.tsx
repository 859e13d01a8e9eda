// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';

/**
 * 我要留言 in the browser on a server that signs citizens in only by SMS (as in
 * production): a citizen who will not sign in leaves an anonymous message
 * (POST /api/cases/guest, real BFF) and follows it by tracking number + query
 * code; choosing 实名 sends them to the sign-in page with the form kept.
 */
let bff: LiveBff;
let NewCase: typeof import('./index').default;
const sent: string[] = [];

beforeAll(async () => {
  bff = await startBff({ env: { DEV_LOGIN: 'false' } });
  bff.gateway = (req) => {
    sent.push(`${req.method} ${new URL(req.url).pathname}`);
    return bff.ctx.app.fetch(req);
  };
  NewCase = (await import('./index')).default;
});
afterAll(() => bff.close());
beforeEach(() => {
  sent.length = 0;
  process.env.TARO_ENV = 'h5';
});

async function open() {
  const res = await bff.ctx.app.fetch(new Request(`${bff.url}/api/departments`));
  const id = ((await res.json()) as { data: { id: number }[] }).data[0]!.id;
  fake.routerParams = { type: encodeURIComponent('建议'), targetType: 'department', targetId: String(id) };
  fake.pages = [{ route: 'packages/cases/new/index', options: fake.routerParams }];
  render(<NewCase />);
  await screen.findByText(/您还没有登录/);
  fireEvent.change(document.querySelector('.case-textarea')!, { target: { value: '建议在服务大厅增加老年人专用的取号机和座椅。' } });
}

describe('我要留言 without signing in (browser, SMS sign-in only)', () => {
  it('starts anonymous and submits without a token; the result leads to 查询办理进度 with the query code', async () => {
    await open();
    expect(screen.getByRole('switch', { name: '匿名反映' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await screen.findByText('已提交');
    expect(sent).toContain('POST /api/cases/guest');
    expect(sent).not.toContain('POST /api/cases');
    expect(fake.callsOf('navigateTo')).toEqual([]);
    const trackingNo = document.querySelector('.case-tracking-no')!.textContent!;
    const queryCode = document.querySelector('.case-query-code')!.textContent!;
    // Shown in groups to be read out or copied by hand: QX261203-4821-07356, 48210 73561.
    expect(trackingNo).toMatch(/^QX\d{6}-\d{4}-\d{5}$/);
    expect(queryCode).toMatch(/^\d{5} \d{5}$/);
    // What the page shows, typed back as shown, really opens the case.
    const lookup = await bff.ctx.app.fetch(
      new Request(`${bff.url}/api/cases/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ trackingNo, queryCode }),
      }),
    );
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { content: string }).content).toContain('老年人专用的取号机');

    fireEvent.click(screen.getByRole('button', { name: '查询办理进度' }));
    expect(fake.callsOf('navigateTo')).toEqual([{ url: `/packages/cases/lookup/index?trackingNo=${trackingNo.replaceAll('-', '')}` }]);
  });

  it('实名 needs a sign-in: the sign-in page opens and nothing is submitted', async () => {
    await open();
    fireEvent.click(document.querySelector('.case-anonymous')!);
    expect(await screen.findByText(/实名反映需要先用手机号登录/)).toBeTruthy();
    fireEvent.change(document.querySelector('.case-name')!, { target: { value: '李桂兰' } });
    fireEvent.change(document.querySelector('.case-phone')!, { target: { value: '13812345678' } });
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await screen.findByText('请先用手机号登录');
    await waitFor(() => expect(fake.callsOf('navigateTo')).toHaveLength(1));
    // Back to this form (its target kept) after signing in.
    const url = (fake.callsOf('navigateTo')[0] as { url: string }).url;
    expect(url).toMatch(/^\/packages\/cases\/login\/index\?redirect=/);
    expect(decodeURIComponent(url.split('redirect=')[1]!)).toMatch(/^\/packages\/cases\/new\/index\?.*targetType=department/);
    expect(sent.filter((s) => s.startsWith('POST /api/cases'))).toEqual([]);
  });

  it('用手机号登录 opens the sign-in page', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: '用手机号登录' }));
    await waitFor(() => expect(fake.callsOf('navigateTo')).toHaveLength(1));
  });
});
