import Taro from '@tarojs/taro';
import { publicClient } from './client';

/**
 * The citizen's token for the BFF. In WeChat: wx.login's code goes to the BFF,
 * which exchanges it with code2Session on the server (the session_key never
 * reaches the phone). In the browser, the server says which sign-in it offers
 * (GET /api/auth/methods): a development server offers the development login,
 * done silently with a random name kept on this device; a production server
 * offers phone + SMS code, which needs the citizen: `ensureCitizen` then
 * rejects with LoginRequired and the caller opens the sign-in page.
 */
const TOKEN_KEY = 'zw:citizen-token';
const DEVICE_KEY = 'zw:device-name';

let pending: Promise<string> | null = null;

/** No token, and this browser can only get one through the SMS sign-in page. */
export class LoginRequired extends Error {
  constructor() {
    super('请先用手机号登录');
    this.name = 'LoginRequired';
  }
}

/** Keeps a token the BFF issued (WeChat, development or SMS sign-in). */
export function saveToken(token: string, expiresAt: string) {
  Taro.setStorageSync(TOKEN_KEY, { token, expiresAt });
}

let methods: Promise<{ devLogin: boolean; sms: boolean }> | null = null;
/** Which sign-ins the server offers; asked once per app start (a failure is asked again next time). */
function authMethods() {
  methods ??= publicClient.api.auth.methods
    .$get()
    .then(async (res) => {
      if (res.status !== 200) throw new Error('登录方式暂时无法确认，请稍后再试');
      return res.json();
    })
    .catch((err: unknown) => {
      methods = null;
      throw err;
    });
  return methods;
}

/** Forget which sign-ins the server offers (a test, or after switching servers). */
export function forgetAuthMethods() {
  methods = null;
}

/**
 * Whether a citizen request can go out without the citizen doing anything: a
 * token is stored, or the sign-in is silent (WeChat, development login). Pages
 * that only show extras for signed-in citizens (home's 待评价) ask this first,
 * so that merely opening them never sends anyone to the sign-in page.
 */
export async function canActSilently(): Promise<boolean> {
  if (stored() || process.env.TARO_ENV === 'weapp') return true;
  try {
    return (await authMethods()).devLogin;
  } catch {
    return false;
  }
}

export function clearToken() {
  Taro.removeStorageSync(TOKEN_KEY);
}

function stored(): string | null {
  const t = Taro.getStorageSync(TOKEN_KEY) as { token?: string; expiresAt?: string } | '';
  if (!t || !t.token || !t.expiresAt) return null;
  // Renew a day before expiry rather than fail a submission halfway.
  return Date.parse(t.expiresAt) - Date.now() > 24 * 3600_000 ? t.token : null;
}

function devLogin() {
  let name = Taro.getStorageSync(DEVICE_KEY) as string;
  if (!name) {
    name = `h5-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    Taro.setStorageSync(DEVICE_KEY, name);
  }
  return publicClient.api.auth['dev-login'].$post({ json: { name } });
}

async function login(): Promise<string> {
  const auth = publicClient.api.auth;
  // A lost network rejects with ApiError('网络连接失败，请检查网络后重试').
  if (process.env.TARO_ENV !== 'weapp' && !(await authMethods()).devLogin) throw new LoginRequired();
  const res = await (process.env.TARO_ENV === 'weapp'
    ? Taro.login().then(({ code }) => auth['wx-login'].$post({ json: { code } }))
    : devLogin());
  const data = (await res.json().catch(() => null)) as { token?: string; expiresAt?: string; error?: { message?: string } } | null;
  if (res.status !== 200 || !data?.token) throw new Error(data?.error?.message ?? '登录失败，请稍后再试');
  saveToken(data.token, data.expiresAt ?? '');
  return data.token;
}

/** A valid citizen token, logging in once if needed (concurrent callers share one login). */
export async function ensureCitizen(): Promise<string> {
  const token = stored();
  if (token) return token;
  pending ??= login().finally(() => {
    pending = null;
  });
  return pending;
}

export async function authHeader(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await ensureCitizen()}` };
}
