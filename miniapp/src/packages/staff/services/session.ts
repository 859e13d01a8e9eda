import Taro from '@tarojs/taro'
import type { StaffView, TokenResponse } from '@zw/shared'
import { pagePaths } from '@zw/shared/paths'

/**
 * The staff session, kept apart from the citizen's token (services/auth.ts uses
 * `zw:citizen-token`): citizen pages never read this key, so signing in as staff
 * on a shared phone changes nothing for the citizen pages, and signing out here
 * leaves the citizen signed in.
 */
const KEY = 'zw:staff-session'
/** Set once this phone's WeChat is bound to a staff account: the login page then offers one tap first. */
const WX_BOUND_KEY = 'zw:staff-wx-bound'

export type StaffSession = { token: string; expiresAt: string; user: StaffView }

export function getSession(): StaffSession | null {
  let s: unknown
  try {
    s = Taro.getStorageSync(KEY)
  } catch {
    return null
  }
  const v = s as Partial<StaffSession> | ''
  if (!v || !v.token || !v.expiresAt || !v.user || v.user.kind !== 'staff') return null
  // A minute's margin: better to sign in again than to fail halfway through a reply.
  return Date.parse(v.expiresAt) - Date.now() > 60_000 ? (v as StaffSession) : null
}

export function saveSession(res: TokenResponse): StaffSession | null {
  if (res.user.kind !== 'staff') return null
  const session = { token: res.token, expiresAt: res.expiresAt, user: res.user }
  Taro.setStorageSync(KEY, session)
  return session
}

export function updateUser(user: StaffView) {
  const s = getSession()
  if (s) Taro.setStorageSync(KEY, { ...s, user })
}

export function clearSession() {
  Taro.removeStorageSync(KEY)
}

export const wechatBoundHere = () => Taro.getStorageSync(WX_BOUND_KEY) === true
export const rememberWechatBound = () => Taro.setStorageSync(WX_BOUND_KEY, true)

/** Supervisors and admins watch every department; staff handle their own. */
export const isSupervisor = (user: StaffView) => user.role === 'supervisor' || user.role === 'admin'

/** Where a staff member lands after signing in. */
export const homeOf = (user: StaffView) => (isSupervisor(user) ? pagePaths.staffSupervisor : pagePaths.staffInbox)

/** Back to the login page, replacing every page (nothing behind it needs the old session). */
export function toLogin(reason?: 'expired' | 'logout') {
  clearSession()
  void Taro.reLaunch({ url: `${pagePaths.staffLogin}${reason ? `?reason=${reason}` : ''}` })
}
