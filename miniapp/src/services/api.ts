import Taro from '@tarojs/taro';
import type {
  CitizenCase,
  Department,
  ErrorBody,
  ErrorCode,
  HallDetail,
  InterpretationDetail,
  ItemList,
  MyCaseList,
  PolicyDetail,
  PolicyList,
  QrResolution,
  SearchResult,
  ServiceItem,
  SubmitCaseBody,
  SubmitCaseResult,
  UploadResult,
  WindowDetail,
} from '@zw/shared';
import { apiUrl } from './config';
import { authHeader, clearToken, ensureCitizen } from './auth';

/**
 * The typed API client. Every response type comes from @zw/shared — the same
 * zod contracts the BFF validates and documents — so nothing is copied by hand.
 * Works over Taro.request in WeChat and in H5. A failure is always thrown as an
 * ApiError with a message fit to show a citizen; it never resolves as success.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** One of the shared union: branch on it (`err.code === 'ALREADY_RATED'`), never on the message. */
    readonly code?: ErrorCode,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The request never got an answer (offline, timeout): safe to retry with the same idempotency key. */
  get network(): boolean {
    return this.status === undefined;
  }
}

function fromBody(data: unknown, status: number): ApiError {
  const err = (data as Partial<ErrorBody> | null)?.error;
  const message =
    typeof err?.message === 'string' && err.message ? err.message : status >= 500 ? '系统繁忙，请稍后再试' : '请求没有成功，请稍后再试';
  return new ApiError(message, status, err?.code, err?.details);
}

export type Method = 'GET' | 'POST' | 'PATCH';

/**
 * One request with no identity attached. The citizen client below adds the
 * citizen's token; the staff client (packages/staff) adds the staff token. The
 * two never share a token, so a staff session cannot leak into citizen pages.
 */
export async function request<T>(
  method: Method,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; onStatus?: (status: number) => void } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  // wx.request has no PATCH: the BFF takes POST + X-HTTP-Method-Override as the PATCH it stands for.
  let sent: 'GET' | 'POST' | 'PATCH' = method;
  if (method === 'PATCH' && process.env.TARO_ENV === 'weapp') {
    sent = 'POST';
    headers['x-http-method-override'] = 'PATCH';
  }
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({
      url: apiUrl(path),
      method: sent as 'POST',
      header: headers,
      data: opts.body as never,
      dataType: 'json',
      timeout: 15_000,
    });
  } catch {
    throw new ApiError('网络连接失败，请检查网络后重试');
  }
  opts.onStatus?.(res.statusCode);
  if (res.statusCode < 200 || res.statusCode >= 300) throw fromBody(res.data, res.statusCode);
  return res.data as T;
}

async function send<T>(
  method: Method,
  path: string,
  opts: { body?: unknown; auth?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  if (!opts.auth) return request<T>(method, path, { body: opts.body, headers: opts.headers });
  // A token the server no longer accepts (expired early, key rotated) is dropped and the
  // citizen signed in again once, silently; the same request (and idempotency key) is sent again.
  for (let attempt = 0; ; attempt++) {
    let rejected = false;
    try {
      return await request<T>(method, path, {
        body: opts.body,
        headers: { ...(opts.headers ?? {}), ...(await authHeader()) },
        onStatus: (status) => {
          rejected = status === 401;
        },
      });
    } catch (err) {
      if (!rejected) throw err;
      clearToken();
      if (attempt > 0) throw err;
    }
  }
}

const q = (params: Record<string, string | number | undefined>) => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** `?a=1&b=2` from the defined, non-empty values. */
export const queryString = q;

// ------------------------------------------------------------ public content
export const api = {
  items: (p: { page?: number; pageSize?: number; department?: number; type?: string; hall?: number; window?: number; q?: string } = {}) =>
    send<ItemList>('GET', `/api/items${q(p)}`),
  item: (id: number) => send<ServiceItem>('GET', `/api/items/${id}`),
  departments: () => send<{ data: Department[] }>('GET', '/api/departments'),
  policies: (p: { page?: number; pageSize?: number; q?: string } = {}) => send<PolicyList>('GET', `/api/policies${q(p)}`),
  policy: (id: number) => send<PolicyDetail>('GET', `/api/policies/${id}`),
  interpretation: (id: number) => send<InterpretationDetail>('GET', `/api/interpretations/${id}`),
  hall: (id: number) => send<HallDetail>('GET', `/api/halls/${id}`),
  window: (id: number) => send<WindowDetail>('GET', `/api/windows/${id}`),
  qr: (code: string) => send<QrResolution>('GET', `/api/qr/${encodeURIComponent(code.trim().toLowerCase())}`),
  search: (p: { q: string; type?: 'all' | 'item' | 'policy'; page?: number; pageSize?: number }) =>
    send<SearchResult>('GET', `/api/search${q(p)}`),

  // ---------------------------------------------------------- citizen (signed in)
  submitCase: (body: SubmitCaseBody, idempotencyKey: string) =>
    send<SubmitCaseResult>('POST', '/api/cases', { body, auth: true, headers: { 'idempotency-key': idempotencyKey } }),
  myCases: (p: { page?: number; pageSize?: number } = {}) => send<MyCaseList>('GET', `/api/cases/mine${q(p)}`, { auth: true }),
  myCase: (id: number) => send<CitizenCase>('GET', `/api/cases/${id}`, { auth: true }),
  caseAction: (id: number, body: { action: 'supplement'; body: string } | { action: 'reopen'; reason: string }) =>
    send<CitizenCase>('POST', `/api/cases/${id}/actions`, { body, auth: true }),
  rateCase: (id: number, body: { level: number; comment?: string }) =>
    send<unknown>('POST', `/api/cases/${id}/rating`, { body, auth: true }),
  rateWindow: (id: number, body: { level: number; comment?: string }) =>
    send<unknown>('POST', `/api/windows/${id}/ratings`, { body, auth: true }),
  lookup: (trackingNo: string, queryCode: string) => send<CitizenCase>('POST', '/api/cases/lookup', { body: { trackingNo, queryCode } }),

  /** One photo per request, as WeChat requires; the id goes into SubmitCaseBody.photoIds. */
  async uploadPhoto(filePath: string): Promise<UploadResult> {
    await ensureCitizen();
    let res: Taro.uploadFile.SuccessCallbackResult;
    try {
      res = await Taro.uploadFile({ url: apiUrl('/api/uploads'), filePath, name: 'file', header: await authHeader(), timeout: 60_000 });
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
