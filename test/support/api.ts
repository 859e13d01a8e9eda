import type { Department, TokenResponse } from '@zw/shared';

/** The password every seeded staff account has (README, "Staff accounts"). */
export const DEMO_PASSWORD = 'qingxi-demo-2026';

export type ApiInit = { method?: string; token?: string; body?: unknown; headers?: Record<string, string> };

/**
 * An answer of the BFF: its status and its parsed JSON (null when there is none).
 * `T` is the success shape from `@zw/shared` the caller expects; it is not checked
 * at run time, and for an error status the body is the error body instead, so
 * read `status` first. Leave `T` out (unknown) when only the status matters.
 */
export type ApiResult<T = unknown> = { status: number; body: T };

export type Api = {
  /** A JSON request to the server (`path` starts with `/`), with a bearer token when given. */
  <T = unknown>(path: string, init?: ApiInit): Promise<ApiResult<T>>;
};

/** Requests to one running server, and the logins tests need, cached per name. */
export type ApiClient = {
  api: Api;
  /** A staff token (staff-login with the demo password), one per username for the whole file. */
  staffToken(username: string): Promise<string>;
  /** A citizen token from the development login (`DEV_LOGIN=true`). */
  citizenToken(name: string): Promise<string>;
  /** A seeded department's id by its code (`mzj`, `rsj`, …). */
  departmentId(code: string): Promise<number>;
};

export function apiClient(baseUrl: () => string, password: string = DEMO_PASSWORD): ApiClient {
  const api: Api = async <T = unknown>(path: string, init: ApiInit = {}): Promise<ApiResult<T>> => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  };

  const login = async (path: string, body: object): Promise<string> => {
    const r = await api<TokenResponse>(path, { method: 'POST', body });
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body.token;
  };

  const staffTokens = new Map<string, Promise<string>>();
  let departments: Promise<Map<string, number>> | undefined;

  return {
    api,
    staffToken(username) {
      let token = staffTokens.get(username);
      if (!token) {
        token = login('/api/auth/staff-login', { username, password });
        staffTokens.set(username, token);
        token.catch(() => staffTokens.delete(username));
      }
      return token;
    },
    citizenToken: (name) => login('/api/auth/dev-login', { name }),
    async departmentId(code) {
      departments ??= api<{ data: Department[] }>('/api/departments').then((r) => new Map(r.body.data.map((d) => [d.code, d.id])));
      const id = (await departments).get(code);
      if (id === undefined) throw new Error(`no department with code ${code}`);
      return id;
    },
  };
}
