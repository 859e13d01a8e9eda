import Taro from '@tarojs/taro';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { apiUrl } from './config';
import { pagePaths } from '@zw/shared/paths';
import { authHeader, clearToken, LoginRequired } from './auth';
import { ApiError, createClient, fromBody, ok, plainHeaders, publicClient, taroFetch, type Fetch } from './client';

/**
 * The citizen's API client. Paths, parameters and answers come from the BFF's
 * route types through the typed client (./client.ts): nothing here is copied by
 * hand. A failure is always thrown as an ApiError with a message fit to show a
 * citizen; it never resolves as success.
 */
export { ApiError };

/**
 * The citizen's requests carry the citizen's token. A token the server no longer
 * accepts (expired early, key rotated) is dropped and the citizen signed in again
 * once, silently; the same request (and idempotency key) is sent again.
 */
const citizenFetch: Fetch = async (url, init) => {
  for (let attempt = 0; ; attempt++) {
    const res = await taroFetch(url, { ...init, headers: { ...plainHeaders(init.headers), ...(await signedIn()) } });
    if (res.status !== 401) return res;
    clearToken();
    if (attempt > 0) return res;
  }
};

/**
 * The citizen's bearer header; when only the SMS sign-in page can give one, the
 * page opens (returning here afterwards) and the request fails with a message
 * that says why, so nothing is sent without a citizen.
 */
async function signedIn(): Promise<Record<string, string>> {
  try {
    return await authHeader();
  } catch (err) {
    if (!(err instanceof LoginRequired)) throw err;
    openLogin();
    throw new ApiError('请先用手机号登录', 401, 'UNAUTHENTICATED');
  }
}

let opening = false;
/** Opens the sign-in page once (several requests may fail together), with the current page to come back to. */
export function openLogin() {
  if (opening) return;
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1];
  if (current?.route && `/${current.route}`.startsWith(pagePaths.citizenLogin)) return;
  const query = Object.entries((current?.options ?? {}) as Record<string, string>)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const back = current?.route ? `/${current.route.replace(/^\//, '')}${query ? `?${query}` : ''}` : pagePaths.home;
  opening = true;
  void Taro.navigateTo({ url: `${pagePaths.citizenLogin}?redirect=${encodeURIComponent(back)}` }).finally(() => {
    opening = false;
  });
}

const open = publicClient.api;
const citizen = createClient(citizenFetch).api;

type UploadResult = InferResponseType<typeof citizen.uploads.$post, 201>;

// ------------------------------------------------------------ public content
export const api = {
  items: (query: InferRequestType<typeof open.items.$get>['query'] = {}) => ok(open.items.$get({ query })),
  item: (id: number) => ok(open.items[':id'].$get({ param: { id } })),
  departments: () => ok(open.departments.$get()),
  policies: (query: InferRequestType<typeof open.policies.$get>['query'] = {}) => ok(open.policies.$get({ query })),
  policy: (id: number) => ok(open.policies[':id'].$get({ param: { id } })),
  interpretation: (id: number) => ok(open.interpretations[':id'].$get({ param: { id } })),
  hall: (id: number) => ok(open.halls[':id'].$get({ param: { id } })),
  window: (id: number) => ok(open.windows[':id'].$get({ param: { id } })),
  qr: (code: string) => ok(open.qr[':code'].$get({ param: { code: encodeURIComponent(code.trim().toLowerCase()) } })),
  search: (query: InferRequestType<typeof open.search.$get>['query']) => ok(open.search.$get({ query })),

  // ---------------------------------------------------------- citizen (signed in)
  submitCase: (json: InferRequestType<typeof citizen.cases.$post>['json'], idempotencyKey: string) =>
    ok(citizen.cases.$post({ json, header: { 'idempotency-key': idempotencyKey } })),
  myCases: (query: InferRequestType<typeof citizen.cases.mine.$get>['query'] = {}) => ok(citizen.cases.mine.$get({ query })),
  myCase: (id: number) => ok(citizen.cases[':id'].$get({ param: { id } })),
  caseAction: (id: number, json: InferRequestType<(typeof citizen.cases)[':id']['actions']['$post']>['json']) =>
    ok(citizen.cases[':id'].actions.$post({ param: { id }, json })),
  rateCase: (id: number, json: InferRequestType<(typeof citizen.cases)[':id']['rating']['$post']>['json']) =>
    ok(citizen.cases[':id'].rating.$post({ param: { id }, json })),
  rateWindow: (id: number, json: InferRequestType<(typeof citizen.windows)[':id']['ratings']['$post']>['json']) =>
    ok(citizen.windows[':id'].ratings.$post({ param: { id }, json })),
  /** Browser without sign-in: an anonymous message without photos, followed by tracking number + query code. */
  submitGuestCase: (json: InferRequestType<typeof open.cases.guest.$post>['json'], idempotencyKey: string) =>
    ok(open.cases.guest.$post({ json, header: { 'idempotency-key': idempotencyKey } })),
  lookup: (trackingNo: string, queryCode: string) => ok(open.cases.lookup.$post({ json: { trackingNo, queryCode } })),

  // ---------------------------------------------------------- signing in (browser)
  reminderTemplates: () => ok(open.reminders.templates.$get()),
  subscribeCase: (id: number, results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>) =>
    ok(citizen.cases[':id'].reminders.$post({ param: { id }, json: { results } })),
  smsCode: (phone: string) => ok(open.auth.sms.code.$post({ json: { phone } })),
  smsLogin: (phone: string, code: string) => ok(open.auth.sms.login.$post({ json: { phone, code } })),

  /** One photo per request, as WeChat requires; the id goes into SubmitCaseBody.photoIds. */
  async uploadPhoto(filePath: string): Promise<UploadResult> {
    await signedIn();
    let res: Taro.uploadFile.SuccessCallbackResult;
    try {
      res = await Taro.uploadFile({
        url: apiUrl(citizen.uploads.$path()),
        filePath,
        name: 'file',
        header: await authHeader(),
        timeout: 60_000,
      });
    } catch {
      throw new ApiError('照片上传失败，请检查网络后重试');
    }
    let data: unknown;
    try {
      data = JSON.parse(res.data);
    } catch {
      throw new ApiError('照片上传失败，请稍后再试', res.statusCode);
    }
    if (res.statusCode !== 201) throw fromBody(data, res.statusCode);
    return data as UploadResult;
  },
};

/** Absolute URL of a photo link returned by the API (signed, short-lived). */
export const photoSrc = (url: string) => apiUrl(url);
