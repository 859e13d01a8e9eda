// @vitest-environment jsdom-server
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';
import { DEMO_PASSWORD } from '../../../../../bff/src/db/seed/accounts';

/** The staff sign-in page against the real BFF on loopback. */
let bff: LiveBff;
let StaffLogin: typeof import('./index').default;

beforeAll(async () => {
  bff = await startBff();
  StaffLogin = (await import('./index')).default;
});
afterAll(() => bff.close());
beforeEach(() => fake.reset());

const wrongPassword = () =>
  bff.ctx.app.request('/api/auth/staff-login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.66' },
    body: JSON.stringify({ username: 'mz_staff', password: 'not-my-password' }),
  });

function signIn(password: string) {
  render(<StaffLogin />);
  const [user, pass] = Array.from(document.querySelectorAll('input'));
  fireEvent.input(user!, { target: { value: 'mz_staff' } });
  fireEvent.input(pass!, { target: { value: password } });
  fireEvent.click(screen.getByText('登录'));
}

describe('staff sign-in', () => {
  it('tells the staff member, once, of the wrong passwords typed for the account since the last sign-in', async () => {
    for (let i = 0; i < 3; i++) expect((await wrongPassword()).status).toBe(401);
    signIn(DEMO_PASSWORD);
    await waitFor(() => expect(fake.callsOf('redirectTo')).toHaveLength(1));
    const [modal] = fake.callsOf('showModal') as Array<{ title: string; content: string }>;
    expect(modal!.title).toBe('账号安全提醒');
    expect(modal!.content).toMatch(/输错了 3 次密码/);
    expect(modal!.content).toMatch(/如果不是您本人，请尽快修改密码/);
  });
});
