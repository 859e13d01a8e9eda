import Taro from '@tarojs/taro';
import type { AppType } from 'bff';
import type { ErrorBody, ErrorCode } from '@zw/shared';
import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { API_BASE } from './config';
import { noteAnswer, OFFLINE_HEADER } from './offline';

/**
 * The typed client: `hc<AppType>` from hono/client, so paths, path and query
 * parameters, headers, bodies and answers all come from the BFF's route
 * contracts. A renamed route or parameter is a `pnpm typecheck` error here, not a
 * failure on a citizen's phone. `AppType` is imported as a type only: no BFF code
 * reaches the bundle.
 *
 * WeChat has no fetch: `taroFetch` below is the fetch hc calls, made of Taro.request
 * (which works in H5 too). In the weapp build `Headers`, which hc constructs, is the
 * small stand-in in ./headers.ts (provided by webpack, see config/index.ts).
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

export function fromBody(data: unknown, status: number): ApiError {
  const err = (data as Partial<ErrorBody> | null)?.error;
  const message =
    typeof err?.message === 'string' && err.message ? err.message : status >= 500 ? '系统繁忙，请稍后再试' : '请求没有成功，请稍后再试';
  return new ApiError(message, status, err?.code, err?.details);
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** The headers hc built, as the plain object Taro.request takes (names in lower case). */
export function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (typeof (headers as Headers).forEach === 'function') {
    (headers as Headers).forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, string>)) out[name.toLowerCase()] = value;
  }
  return out;
}

/**
 * The part of a Response that hc's callers read, over a Taro.request answer
 * (WeChat has no Response either). `data` is what Taro.request parsed.
 */
function taroResponse(status: number, data: unknown, header: Record<string, string>): Response {
  const text = () => (typeof data === 'string' ? data : JSON.stringify(data));
  const res = {
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    url: '',
    header,
    json: async () => (typeof data === 'string' ? JSON.parse(data) : data),
    text: async () => text(),
  };
  return res as unknown as Response;
}

/**
 * fetch over Taro.request, with no identity attached: the citizen and staff
 * clients wrap it to add their own token. A lost network rejects with an
 * ApiError in plain words; any answer (404, 500…) resolves, as fetch does.
 */
export const taroFetch: Fetch = async (url, init) => {
  const header = plainHeaders(init.headers);
  let method = (init.method ?? 'GET').toUpperCase();
  // wx.request has no PATCH: the BFF takes POST + X-HTTP-Method-Override as the PATCH it stands for.
  if (method === 'PATCH' && process.env.TARO_ENV === 'weapp') {
    method = 'POST';
    header['x-http-method-override'] = 'PATCH';
  }
  // hc serialises JSON bodies; Taro.request is given the object again, as before (WeChat serialises it itself).
  const body = typeof init.body === 'string' && header['content-type']?.startsWith('application/json') ? JSON.parse(init.body) : init.body;
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({
      url,
      method: method as 'POST',
      header,
      data: body as never,
      dataType: 'json',
      timeout: 15_000,
    });
  } catch {
    throw new ApiError('网络连接失败，请检查网络后重试');
  }
  const headers = (res.header ?? {}) as Record<string, string>;
  noteAnswer(headers[OFFLINE_HEADER] ?? headers[OFFLINE_HEADER.toUpperCase()] ?? null);
  return taroResponse(res.statusCode, res.data, headers);
};

/** `a=1&b=2` from the defined, non-empty values (hc's default would send `q=` for an empty box). */
function searchParams(query: Record<string, string | string[]>): URLSearchParams {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one === undefined || one === '') continue;
      parts.push(`${k}=${encodeURIComponent(String(one))}`);
    }
  }
  const qs = parts.join('&');
  // hc only calls toString(); WeChat's URLSearchParams stand-in is not needed.
  return { toString: () => qs } as URLSearchParams;
}

/** A client of the whole BFF (`client.api.items[':id'].$get(…)`) sending through `fetch`. */
export const createClient = (fetch: Fetch) =>
  hc<AppType>(API_BASE, { fetch: fetch as typeof globalThis.fetch, buildSearchParams: searchParams });

export type Client = ReturnType<typeof createClient>;

/** The body of the successful answers of a response union (the 2xx ones the route declares). */
export type Ok<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * The successful answer's body, typed by the route; any other answer thrown as an
 * ApiError with the server's message (or a plain one when a gateway answered).
 */
export async function ok<R extends ClientResponse<unknown, number, 'json' | 'text' | string>>(response: Promise<R>): Promise<Ok<R>> {
  const res = await response;
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) throw fromBody(data, res.status);
  return data as Ok<R>;
}

/** The public client: no token (browsing never signs anyone in). */
export const publicClient = createClient(taroFetch);
