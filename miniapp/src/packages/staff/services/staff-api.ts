import Taro from '@tarojs/taro';
import type {
  CaseList,
  Department,
  FollowUpList,
  FollowUpView,
  InboxCounts,
  InboxScope,
  MessageType,
  StaffActionBody,
  StaffCase,
  StaffStats,
  StaffView,
  TokenResponse,
} from '@zw/shared';
import { ApiError, queryString, request, type Method } from '../../../services/api';
import { getSession, here, toLogin } from '../../../services/staff-session';

/**
 * The staff side of the API client: the same typed requests as the citizen
 * client, with the staff token. A 401 means the session is over (expired, or
 * the account was switched off): back to the login page, never a half-working screen.
 */
function expired() {
  const router = Taro.getCurrentInstance().router;
  toLogin('expired', router ? here(router as { path: string; params: Record<string, string | undefined> }) : undefined);
}

async function staffSend<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const session = getSession();
  if (!session) {
    expired();
    throw new ApiError('登录已过期，请重新登录', 401, 'UNAUTHENTICATED');
  }
  return request<T>(method, path, {
    body,
    headers: { authorization: `Bearer ${session.token}` },
    onStatus: (status) => {
      if (status === 401) expired();
    },
  });
}

export type InboxParams = {
  scope: InboxScope;
  state?: string;
  type?: MessageType;
  overdue?: boolean;
  dueSoon?: boolean;
  trackingNo?: string;
  page?: number;
  pageSize?: number;
};

const flag = (v: boolean | undefined) => (v === undefined ? undefined : String(v));

export const staffApi = {
  // ---------------------------------------------------------------- signing in (no token yet)
  login: (username: string, password: string) => request<TokenResponse>('POST', '/api/auth/staff-login', { body: { username, password } }),
  /** One tap in WeChat: wx.login's code, exchanged on the server (the session key never reaches the phone). */
  async wxLogin(): Promise<TokenResponse> {
    const { code } = await Taro.login();
    return request<TokenResponse>('POST', '/api/auth/staff/wx-login', { body: { code } });
  },
  async bindWechat(): Promise<StaffView> {
    const { code } = await Taro.login();
    return staffSend<StaffView>('POST', '/api/auth/staff/bind-wechat', { code });
  },
  me: () => staffSend<StaffView>('GET', '/api/auth/me'),

  // ---------------------------------------------------------------- cases
  inbox: (p: InboxParams) =>
    staffSend<CaseList>('GET', `/api/staff/cases${queryString({ ...p, overdue: flag(p.overdue), dueSoon: flag(p.dueSoon) })}`),
  counts: () => staffSend<InboxCounts>('GET', '/api/staff/inbox-counts'),
  case: (id: number) => staffSend<StaffCase>('GET', `/api/staff/cases/${id}`),
  act: (id: number, body: StaffActionBody) => staffSend<StaffCase>('POST', `/api/staff/cases/${id}/actions`, body),
  note: (id: number, body: string) => staffSend<StaffCase>('POST', `/api/staff/cases/${id}/notes`, { body }),
  chase: (id: number, body: string) => staffSend<StaffCase>('POST', `/api/staff/cases/${id}/chase`, { body }),
  /** Recorded on the case's audit trail by the server, every time. */
  contact: (id: number) => staffSend<{ name: string | null; phone: string | null }>('POST', `/api/staff/cases/${id}/contact`),
  templates: (type: MessageType) =>
    staffSend<{ data: Array<{ id: number; type: MessageType; title: string; body: string }> }>(
      'GET',
      `/api/staff/reply-templates${queryString({ type })}`,
    ),
  departments: () => request<{ data: Department[] }>('GET', '/api/departments'),

  // ---------------------------------------------------------------- figures and follow-ups
  stats: (p: { from: string; to: string; department?: number }) => staffSend<StaffStats>('GET', `/api/staff/stats${queryString(p)}`),
  followUps: (p: { status?: 'open' | 'done'; page?: number; pageSize?: number }) =>
    staffSend<FollowUpList>('GET', `/api/staff/follow-ups${queryString(p)}`),
  recordFollowUp: (id: number, result: string) => staffSend<FollowUpView>('POST', `/api/staff/follow-ups/${id}`, { result }),
};

export { ApiError };
