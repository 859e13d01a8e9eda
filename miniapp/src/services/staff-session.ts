import Taro from '@tarojs/taro';
import type { StaffView, TokenResponse } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';

/**
 * The staff session (staff, supervisors, editors, admins), kept apart from the citizen's token (services/auth.ts uses
 * `zw:citizen-token`): citizen pages never read this key, so signing in as staff
 * on a shared phone changes nothing for the citizen pages, and signing out here
 * leaves the citizen signed in.
 */
const KEY = 'zw:staff-session';
/** Set once this phone's WeChat is bound to a staff account: the login page then offers one tap first. */
const WX_BOUND_KEY = 'zw:staff-wx-bound';

export type StaffSession = { token: string; expiresAt: string; user: StaffView };

export function getSession(): StaffSession | null {
  let s: unknown;
  try {
    s = Taro.getStorageSync(KEY);
  } catch {
    return null;
  }
  const v = s as Partial<StaffSession> | '';
  if (!v || !v.token || !v.expiresAt || !v.user || v.user.kind !== 'staff') return null;
  // A minute's margin: better to sign in again than to fail halfway through a reply.
  return Date.parse(v.expiresAt) - Date.now() > 60_000 ? (v as StaffSession) : null;
}

export function saveSession(res: TokenResponse): StaffSession | null {
  if (res.user.kind !== 'staff') return null;
  const session = { token: res.token, expiresAt: res.expiresAt, user: res.user };
  Taro.setStorageSync(KEY, session);
  return session;
}

export function updateUser(user: StaffView) {
  const s = getSession();
  if (s) Taro.setStorageSync(KEY, { ...s, user });
}

export function clearSession() {
  Taro.removeStorageSync(KEY);
}

export const wechatBoundHere = () => Taro.getStorageSync(WX_BOUND_KEY) === true;
export const rememberWechatBound = () => Taro.setStorageSync(WX_BOUND_KEY, true);

/** Supervisors and admins watch every department; staff handle their own. */
export const isSupervisor = (user: StaffView) => user.role === 'supervisor' || user.role === 'admin';

/** Editors (政务公开专员) and admins edit the public content; nobody else may open the editor pages. */
export const canEdit = (user: StaffView) => user.role === 'editor' || user.role === 'admin';

/** Where a staff member lands after signing in: editors at their content, the others at their cases. */
export const homeOf = (user: StaffView) =>
  user.role === 'editor' ? pagePaths.editorList : isSupervisor(user) ? pagePaths.staffSupervisor : pagePaths.staffInbox;

/**
 * Back to the login page, replacing every page (nothing behind it needs the old
 * session). `next` is the staff page to return to after signing in — a case
 * opened from a new-case notification, say.
 */
export function toLogin(reason?: 'expired' | 'logout', next?: string) {
  clearSession();
  const query = [reason ? `reason=${reason}` : '', next ? `next=${encodeURIComponent(next)}` : ''].filter(Boolean).join('&');
  void Taro.reLaunch({ url: `${pagePaths.staffLogin}${query ? `?${query}` : ''}` });
}

/** A page's address with its query (from Taro's router), to come back to after signing in. */
export function here(router: { path: string; params: Record<string, string | undefined> }): string {
  const path = router.path.split('?')[0] ?? '';
  const query = Object.entries(router.params)
    .filter(([k, v]) => v !== undefined && !k.startsWith('$') && k !== 'stamp')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`;
}

/** A `next` worth following: a staff or editor page other than the login page, nothing else (no open redirect). */
export function safeNext(next: string | undefined): string | null {
  if (!next) return null;
  let url: string;
  try {
    url = decodeURIComponent(next);
  } catch {
    return null;
  }
  return (url.startsWith('/packages/staff/') || url.startsWith('/packages/editor/')) &&
    !url.startsWith(pagePaths.staffLogin) &&
    !url.includes('//')
    ? url
    : null;
}
