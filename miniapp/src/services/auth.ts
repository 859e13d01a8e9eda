import Taro from '@tarojs/taro';
import { publicClient } from './client';

/**
 * The citizen's token for the BFF. In WeChat: wx.login's code goes to the BFF,
 * which exchanges it with code2Session on the server (the session_key never
 * reaches the phone). In the browser (H5 demo and tests), the BFF's development
 * login, with a random name kept on this device so the citizen keeps their cases.
 */
const TOKEN_KEY = 'zw:citizen-token';
const DEVICE_KEY = 'zw:device-name';

let pending: Promise<string> | null = null;

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
  const res = await (process.env.TARO_ENV === 'weapp'
    ? Taro.login().then(({ code }) => auth['wx-login'].$post({ json: { code } }))
    : devLogin());
  const data = (await res.json().catch(() => null)) as { token?: string; expiresAt?: string; error?: { message?: string } } | null;
  if (res.status !== 200 || !data?.token) throw new Error(data?.error?.message ?? '登录失败，请稍后再试');
  Taro.setStorageSync(TOKEN_KEY, { token: data.token, expiresAt: data.expiresAt });
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
