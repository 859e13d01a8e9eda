import Taro from '@tarojs/taro';
import { ApiError, createClient, plainHeaders, taroFetch, type Fetch } from './client';
import { getSession, here, toLogin } from './staff-session';

/**
 * The typed client with the staff token (staff, supervisor, editor and admin
 * pages; never the citizen's token). A 401 means the session is over (expired,
 * or the account was switched off): back to the login page, and to this page
 * again after, never a half-working screen.
 */
export function expired() {
  const router = Taro.getCurrentInstance().router;
  toLogin('expired', router ? here(router as { path: string; params: Record<string, string | undefined> }) : undefined);
}

/** `Bearer …` of the staff session; no session: to the login page, and the request is not sent. */
export function bearer(): string {
  const session = getSession();
  if (!session) {
    expired();
    throw new ApiError('登录已过期，请重新登录', 401, 'UNAUTHENTICATED');
  }
  return `Bearer ${session.token}`;
}

export const staffFetch: Fetch = async (url, init) => {
  const res = await taroFetch(url, { ...init, headers: { ...plainHeaders(init.headers), authorization: bearer() } });
  if (res.status === 401) expired();
  return res;
};

export const staffClient = createClient(staffFetch);
