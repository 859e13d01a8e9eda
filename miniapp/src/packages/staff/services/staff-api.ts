import Taro from '@tarojs/taro';
import type { InferRequestType } from 'hono/client';
import { ApiError, ok, publicClient } from '../../../services/client';
import { staffClient } from '../../../services/staff-client';

/**
 * The staff side of the API client: the same typed client as the citizen's
 * (paths, parameters and answers from the BFF's routes), with the staff token.
 * A 401 means the session is over: back to the login page (services/staff-client.ts).
 */
const staff = staffClient.api;
const auth = publicClient.api.auth;

type InboxQuery = InferRequestType<typeof staff.staff.cases.$get>['query'];
/** The inbox's query as the pages hold it: the route's, with its true/false flags as booleans. */
export type InboxParams = Omit<InboxQuery, 'overdue' | 'dueSoon'> & { overdue?: boolean; dueSoon?: boolean };

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? ('true' as const) : ('false' as const));

export const staffApi = {
  // ---------------------------------------------------------------- signing in (no token yet)
  login: (username: string, password: string) => ok(auth['staff-login'].$post({ json: { username, password } })),
  /** One tap in WeChat: wx.login's code, exchanged on the server (the session key never reaches the phone). */
  async wxLogin() {
    const { code } = await Taro.login();
    return ok(auth.staff['wx-login'].$post({ json: { code } }));
  },
  async bindWechat() {
    const { code } = await Taro.login();
    return ok(staff.auth.staff['bind-wechat'].$post({ json: { code } }));
  },
  me: () => ok(staff.auth.me.$get()),

  // ---------------------------------------------------------------- cases
  inbox: (p: InboxParams) => ok(staff.staff.cases.$get({ query: { ...p, overdue: flag(p.overdue), dueSoon: flag(p.dueSoon) } })),
  counts: () => ok(staff.staff['inbox-counts'].$get()),
  case: (id: number) => ok(staff.staff.cases[':id'].$get({ param: { id } })),
  act: (id: number, json: InferRequestType<(typeof staff.staff.cases)[':id']['actions']['$post']>['json']) =>
    ok(staff.staff.cases[':id'].actions.$post({ param: { id }, json })),
  note: (id: number, body: string) => ok(staff.staff.cases[':id'].notes.$post({ param: { id }, json: { body } })),
  chase: (id: number, body: string) => ok(staff.staff.cases[':id'].chase.$post({ param: { id }, json: { body } })),
  /** Recorded on the case's audit trail by the server, every time. */
  contact: (id: number) => ok(staff.staff.cases[':id'].contact.$post({ param: { id } })),
  templates: (type: InferRequestType<(typeof staff.staff)['reply-templates']['$get']>['query']['type']) =>
    ok(staff.staff['reply-templates'].$get({ query: { type } })),
  departments: () => ok(publicClient.api.departments.$get()),

  // ---------------------------------------------------------------- figures and follow-ups
  stats: (query: InferRequestType<typeof staff.staff.stats.$get>['query']) => ok(staff.staff.stats.$get({ query })),
  followUps: (query: InferRequestType<(typeof staff.staff)['follow-ups']['$get']>['query']) =>
    ok(staff.staff['follow-ups'].$get({ query })),
};

export { ApiError };
