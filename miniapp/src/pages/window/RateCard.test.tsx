// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratings } from '../../../../bff/src/db/schema';
import { startBff, type LiveBff } from '../../../test-setup/bff';
import { fake } from '../../../test-setup/taro-fake';

/** The rating card against a real BFF on loopback (Taro stood in by test-setup/). */
let bff: LiveBff;
let RateCard: typeof import('./RateCard').default;
let windowId: number;

beforeAll(async () => {
  bff = await startBff();
  RateCard = (await import('./RateCard')).default;
  const halls = (await (await fetch(`${bff.url}/api/halls`)).json()) as { data: Array<{ id: number }> };
  const hall = (await (await fetch(`${bff.url}/api/halls/${halls.data[0]!.id}`)).json()) as { windows: Array<{ id: number }> };
  windowId = hall.windows[0]!.id;
});
afterAll(async () => {
  await bff.close();
});

const choice = (label: string) => screen.getByRole('button', { name: label });
const submit = () => fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
const comment = () => screen.getByPlaceholderText('说说您的感受（选填）') as HTMLTextAreaElement;
const ratingRequests = () => fake.requests.filter((r) => r.url.endsWith(`/api/windows/${windowId}/ratings`));

/** Ratings stored for this window by the citizen signed in on this (fake) phone. */
async function stored() {
  const me = (await (
    await fetch(`${bff.url}/api/auth/me`, { headers: await (await import('../../services/auth')).authHeader() })
  ).json()) as { id: number };
  return bff.ctx.db
    .select()
    .from(ratings)
    .where(and(eq(ratings.windowId, windowId), eq(ratings.citizenId, me.id)));
}

describe('RateCard', () => {
  it('asks for a choice first and sends nothing without one', () => {
    render(<RateCard windowId={windowId} />);
    submit();
    expect(screen.getByRole('alert').textContent).toBe('请先选择一项评价，再点“提交评价”');
    expect(ratingRequests()).toHaveLength(0);
    fireEvent.click(choice('满意'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('one choice at a time, and counts the comment', () => {
    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('非常满意'));
    fireEvent.click(choice('基本满意'));
    const pressed = screen.getAllByRole('button').filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((b) => b.textContent)).toEqual(['基本满意']);
    fireEvent.change(comment(), { target: { value: '窗口人员很耐心' } });
    expect(screen.getByText('7/500')).toBeTruthy();
  });

  it('sends the rating and comment, then thanks the citizen', async () => {
    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('满意'));
    fireEvent.change(comment(), { target: { value: '  一次就办好了  ' } });
    submit();
    await screen.findByText('感谢您的评价！');
    expect(screen.getByRole('status').textContent).toContain('您的评价：满意');
    expect(screen.queryByText(/回访/)).toBeNull();
    const rows = await stored();
    expect(rows.map((r) => [r.level, r.comment])).toEqual([[4, '一次就办好了']]);
  });

  it('a blank comment is sent as none', async () => {
    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('非常满意'));
    fireEvent.change(comment(), { target: { value: '   ' } });
    submit();
    await screen.findByText('感谢您的评价！');
    expect(ratingRequests().at(-1)!.data).toEqual({ level: 5 });
    expect((await stored()).map((r) => r.comment)).toEqual([null]);
  });

  it('a bad rating is told it will be followed up', async () => {
    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('不满意'));
    submit();
    await screen.findByText('我们会在 15 个工作日内回访');
    expect(screen.getByRole('status').textContent).toContain('您的评价：不满意');
  });

  it('a second rating of the same window the same day is answered kindly', async () => {
    const first = render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('满意'));
    submit();
    await screen.findByText('感谢您的评价！');
    first.unmount();

    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('非常不满意'));
    submit();
    await screen.findByText('您今天已经评价过这个窗口了，谢谢！');
    expect((await stored()).map((r) => r.level)).toEqual([4]);
  });

  it('a failure keeps the choice and the comment, and a retry goes through', async () => {
    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('基本满意'));
    fireEvent.change(comment(), { target: { value: '等了二十分钟' } });
    fake.offline = true;
    submit();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/网络/));
    expect(choice('基本满意').getAttribute('aria-pressed')).toBe('true');
    expect(comment().value).toBe('等了二十分钟');
    expect((screen.getByRole('button', { name: '提交评价' }) as HTMLButtonElement).disabled).toBe(false);

    fake.offline = false;
    submit();
    await screen.findByText('感谢您的评价！');
    expect((await stored()).map((r) => [r.level, r.comment])).toEqual([[3, '等了二十分钟']]);
  });

  it('does not send twice when 提交评价 is tapped again while sending', async () => {
    render(<RateCard windowId={windowId} />);
    fireEvent.click(choice('满意'));
    submit();
    submit(); // a second tap while the first is on its way
    await screen.findByText('感谢您的评价！');
    expect(ratingRequests()).toHaveLength(1);
  });
});
