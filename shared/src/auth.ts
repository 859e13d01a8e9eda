import { z } from 'zod';
import { Timestamp } from './common';

// ---------------------------------------------------------------- roles

/** What a staff account may do. One role per account; the BFF checks it on every staff route. */
export const StaffRole = z.enum(['staff', 'supervisor', 'editor', 'admin'], { error: '角色必须是 staff、supervisor、editor 或 admin' });
export type StaffRole = z.infer<typeof StaffRole>;

export const staffRoleLabels: Record<StaffRole, string> = {
  staff: '工作人员',
  supervisor: '督办人员',
  editor: '政务公开专员',
  admin: '系统管理员',
};

// ---------------------------------------------------------------- requests

/**
 * The one-time code from `wx.login()`. Only the BFF exchanges it (code2Session);
 * printable ASCII, no spaces, so it can never smuggle anything into the query string.
 */
export const WxCode = z
  .string({ error: '缺少微信登录凭证 code' })
  .trim()
  .min(1, { error: '缺少微信登录凭证 code' })
  .max(128, { error: '微信登录凭证过长' })
  .regex(/^[\x21-\x7e]+$/, { error: '微信登录凭证格式不正确' });

export const WxLoginBody = z.object({ code: WxCode });
export type WxLoginBody = z.infer<typeof WxLoginBody>;

/** Development login (H5 preview and tests only): a name stands in for a WeChat identity. */
export const DevLoginBody = z.object({
  name: z
    .string({ error: '请填写名字' })
    .trim()
    .min(1, { error: '请填写名字' })
    .max(32, { error: '名字不能超过 32 个字符' })
    .regex(/^[\p{L}\p{N}_-]+$/u, { error: '名字只能包含文字、数字、下划线和短横线' }),
});
export type DevLoginBody = z.infer<typeof DevLoginBody>;

export const StaffLoginBody = z.object({
  /** Case-insensitive: stored and compared in lower case. */
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .min(1, { error: '请填写用户名' })
    .max(64, { error: '用户名不能超过 64 个字符' })
    .transform((v) => v.toLowerCase()),
  // Not trimmed: spaces may be part of a password. Bounded so a huge string cannot cost a slow hash.
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(200, { error: '密码不能超过 200 个字符' }),
});
export type StaffLoginBody = z.infer<typeof StaffLoginBody>;

/** Sent with a staff token: binds the WeChat identity behind this code to the staff account. */
export const BindWechatBody = z.object({ code: WxCode });
export type BindWechatBody = z.infer<typeof BindWechatBody>;

// ---------------------------------------------------------------- phone + SMS code (browser sign-in)

/** Mainland mobile numbers: 11 digits starting 13–19. Spaces and dashes people type are removed first. */
export const MobilePhone = z
  .string({ error: '请填写手机号' })
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, { error: '请填写正确的 11 位手机号' }));

export const SMS_CODE_LENGTH = 6;
/** A code is valid this long after it is sent. */
export const SMS_CODE_TTL_SECONDS = 300;
/** The resend button waits this long; the BFF refuses a new code for the same phone sooner. */
export const SMS_RESEND_SECONDS = 60;
/** Wrong entries a code survives; the next one kills it. */
export const SMS_CODE_MAX_TRIES = 5;

export const SmsCode = z
  .string({ error: '请填写短信验证码' })
  .trim()
  .regex(new RegExp(`^\\d{${SMS_CODE_LENGTH}}$`), { error: `验证码是 ${SMS_CODE_LENGTH} 位数字` });

export const SmsCodeRequestBody = z.object({ phone: MobilePhone });
export type SmsCodeRequestBody = z.infer<typeof SmsCodeRequestBody>;

/** The same answer whether or not the phone is known: nothing here says who has an account. */
export const SmsCodeSent = z.object({
  /** Seconds until the resend button may be pressed again. */
  resendAfterSeconds: z.number().int(),
  /** Seconds the code stays valid. */
  expiresInSeconds: z.number().int(),
});
export type SmsCodeSent = z.infer<typeof SmsCodeSent>;

export const SmsLoginBody = z.object({ phone: MobilePhone, code: SmsCode });
export type SmsLoginBody = z.infer<typeof SmsLoginBody>;

/** GET /auth/methods: which sign-ins this server offers (the browser build picks the development login or the SMS page). */
export const AuthMethods = z.object({ devLogin: z.boolean(), sms: z.boolean(), wechat: z.boolean() });
export type AuthMethods = z.infer<typeof AuthMethods>;

// ---------------------------------------------------------------- responses

/** A citizen as the citizen sees themself: an id, nothing from WeChat (no openid, never a session key). */
export const CitizenView = z.object({
  kind: z.literal('citizen'),
  id: z.number().int(),
  /** 138****8000 once the citizen verified a phone (SMS sign-in, or verified inside WeChat); null otherwise. */
  phoneMasked: z.string().nullable().optional(),
});
export type CitizenView = z.infer<typeof CitizenView>;

export const StaffView = z.object({
  kind: z.literal('staff'),
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  role: StaffRole,
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** True once the staff member has bound a WeChat identity (the identity itself is not sent). */
  wechatBound: z.boolean(),
});
export type StaffView = z.infer<typeof StaffView>;

/** Who the bearer token belongs to. */
export const Me = z.discriminatedUnion('kind', [CitizenView, StaffView]);
export type Me = z.infer<typeof Me>;

/** Wrong passwords typed for a staff account since its last sign-in: shown once, at the next one. */
export const FailedLoginNotice = z.object({ count: z.number().int().positive(), lastAt: Timestamp });
export type FailedLoginNotice = z.infer<typeof FailedLoginNotice>;

/** The sentence a staff member reads about it. */
export function failedLoginText(n: FailedLoginNotice, when: string): string {
  return `自上次登录以来，有人用您的账号输错了 ${n.count} 次密码（最近一次在 ${when}）。如果不是您本人，请尽快修改密码并告知管理员。`;
}

export const TokenResponse = z.object({
  /** Bearer token: send as `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: Timestamp,
  user: Me,
  /** Staff sign-in only, when there were wrong passwords for the account since its last sign-in. */
  failedLogins: FailedLoginNotice.optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;
