import { MobilePhone, SmsCode } from '@zw/shared';

/** The sign-in form's rules: the shared schemas' own wording, so page and server never disagree. */
export function phoneProblem(phone: string): string | null {
  const r = MobilePhone.safeParse(phone);
  return r.success ? null : (r.error.issues[0]?.message ?? '请填写正确的 11 位手机号');
}

export function codeProblem(code: string): string | null {
  const r = SmsCode.safeParse(code);
  return r.success ? null : (r.error.issues[0]?.message ?? '验证码是 6 位数字');
}

/** Whole seconds left until `until` (ms since epoch), never below 0. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** The resend button's words: a countdown while waiting. */
export function resendLabel(left: number, sentOnce: boolean): string {
  if (left > 0) return `${left} 秒后可重新获取`;
  return sentOnce ? '重新获取验证码' : '获取验证码';
}

/**
 * Where to go after signing in: only a page of this app (a path starting with
 * `/pages/` or `/packages/`), never an address from elsewhere.
 */
export function safeRedirect(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  let v: string;
  try {
    v = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  return /^\/(pages|packages)\/[A-Za-z0-9/_-]+(\?[^#]*)?$/.test(v) && !v.includes('//') ? v : fallback;
}
