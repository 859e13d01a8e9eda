import { z } from 'zod';

/**
 * The whole configuration, parsed once at start. Nothing else reads process.env:
 * the Node entry passes the parsed result down.
 */
const boolFlag = z
  .enum(['true', 'false', '1', '0'], { error: '只能是 true/false/1/0' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

function decodedLength(b64: string): number {
  try {
    return atob(b64).length;
  } catch {
    return -1;
  }
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `file:` path for the embedded database, or `libsql://` / `http(s)://` for a libSQL server. */
  LIBSQL_URL: z
    .string()
    .regex(/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/, {
      error: '必须以 file:、libsql://、http(s):// 或 ws(s):// 开头',
    })
    .default('file:data/zhengwu.db'),
  LIBSQL_AUTH_TOKEN: z.string().min(1).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built H5 app to serve at `/`; empty to serve the API only. */
  STATIC_DIR: z.string().default('../miniapp/dist/h5'),
  /** Seed the demo county when the database has no content (default on for the embedded file). */
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** How long a write waits for the lock of a file database (another process writing) before answering 503 BUSY, in milliseconds. */
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),

  /** Secret for the BFF's own tokens; at least 32 characters. Required in production. */
  JWT_SECRET: z.string().min(32, { error: '至少 32 个字符' }).optional(),
  /** AES-256 key for citizens' phone numbers at rest: 32 bytes, base64. Required in production. */
  CONTACT_KEY: z
    .string()
    .refine((v) => decodedLength(v) === 32, { error: '必须是 32 字节密钥的 base64 编码' })
    .optional(),
  /** Development login for H5 and tests. Default: on in development, off otherwise; refused in production. */
  DEV_LOGIN: z
    .enum(['true', 'false', '1', '0'], { error: '只能是 true/false/1/0' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** WeChat API base (tests point it at a local server that follows the same contract). */
  WX_API_BASE: z.url({ error: '必须是 URL' }).default('https://api.weixin.qq.com'),
  WX_APPID: z.string().min(1).optional(),
  WX_SECRET: z.string().min(1).optional(),
  /** Subscription-message template ids (公众平台 → 订阅消息). */
  WX_TEMPLATE_ANSWERED: z.string().min(1).optional(),
  /** 办理进度通知: 补正, 转办, 延期, 不予受理. */
  WX_TEMPLATE_PROGRESS: z.string().min(1).optional(),
  /** 回访结果通知. */
  WX_TEMPLATE_FOLLOW_UP: z.string().min(1).optional(),
  /** Staff: 新待办 (new case, transferred in). */
  WX_TEMPLATE_ASSIGNED: z.string().min(1).optional(),
  /** Staff: 督办, 临期 (黄牌), 超期 (红牌). */
  WX_TEMPLATE_SUPERVISION: z.string().min(1).optional(),
  /** Set when WeChat granted this mini-program long-term subscriptions (政务民生类目). */
  WX_SUBSCRIBE_LONG_TERM: boolFlag,
  /** SMS provider: `tencent` (Tencent Cloud SMS, API 3.0) or unset. */
  SMS_PROVIDER: z.enum(['tencent'], { error: '只能是 tencent' }).optional(),
  SMS_ENDPOINT: z.url({ error: '必须是 URL' }).default('https://sms.tencentcloudapi.com'),
  SMS_REGION: z.string().min(1).default('ap-guangzhou'),
  SMS_SECRET_ID: z.string().min(1).optional(),
  SMS_SECRET_KEY: z.string().min(1).optional(),
  SMS_SDK_APP_ID: z.string().min(1).optional(),
  /** The registered signature (签名), without 【】. */
  SMS_SIGN_NAME: z.string().min(1).optional(),
  /** Template of the sign-in code: one parameter, the code. */
  SMS_TEMPLATE_LOGIN: z.string().min(1).optional(),
  /** Template of case notices: the tracking number, what happened, the link (see README). */
  SMS_TEMPLATE_NOTICE: z.string().min(1).optional(),
  /** Where uploaded photos are stored (local folder storage). */
  UPLOAD_DIR: z.string().min(1).default('data/uploads'),
  /**
   * Public address of the H5 app (scheme, host, optional path; no query), for
   * links in notifications and printed QR codes. Required in production: a code
   * printed with the wrong address cannot be recalled. Default elsewhere: the
   * listening address.
   */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: '必须是 http(s):// 开头的网址' })
    .refine((v) => !/[?#]/.test(v), { error: '不能带 ? 或 #（二维码地址会在其后拼接页面路径）' })
    .optional(),
  /** Which mini-program build a mini-program code opens: release (default), trial or develop. */
  WX_QR_ENV_VERSION: z.enum(['release', 'trial', 'develop'], { error: '只能是 release、trial 或 develop' }).default('release'),
  /** Behind a reverse proxy that sets X-Forwarded-For. */
  TRUST_PROXY: boolFlag,
  /** How often the notification worker looks for due messages; 0 disables it. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /** How often the sweeper closes answered cases, invites ratings and sends 黄牌/红牌; 0 disables it. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});

/** DEV_LOGIN and PUBLIC_BASE_URL are settled after parsing (their defaults depend on other variables). */
export type Env = Omit<z.infer<typeof EnvSchema>, 'DEV_LOGIN' | 'PUBLIC_BASE_URL'> & { DEV_LOGIN: boolean; PUBLIC_BASE_URL: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings from shells (`PORT= pnpm start`) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`配置有误 (invalid environment):\n${lines.join('\n')}`);
  }
  // The embedded demo in development lets the browser app sign citizens in; elsewhere it is opt-in.
  const data = result.data;
  const env: Env = {
    ...data,
    DEV_LOGIN: data.DEV_LOGIN ?? data.NODE_ENV === 'development',
    PUBLIC_BASE_URL: (data.PUBLIC_BASE_URL ?? listeningAddress(data.HOST, data.PORT)).replace(/\/+$/, ''),
  };
  if (env.NODE_ENV === 'production') {
    // Refuse to run a public service on development defaults.
    const missing = [];
    if (!env.JWT_SECRET) missing.push('  JWT_SECRET: 生产环境必须设置');
    if (!env.CONTACT_KEY) missing.push('  CONTACT_KEY: 生产环境必须设置');
    if (env.DEV_LOGIN) missing.push('  DEV_LOGIN: 生产环境不允许开发登录');
    if (!data.PUBLIC_BASE_URL) missing.push('  PUBLIC_BASE_URL: 生产环境必须设置（印在二维码和明白纸上的网址）');
    if (missing.length) throw new EnvError(`配置有误 (invalid environment):\n${missing.join('\n')}`);
  }
  if (env.LIBSQL_URL.startsWith('file:') && env.LIBSQL_AUTH_TOKEN) {
    // Harmless, but usually means the operator meant to point at a server.
    console.warn('LIBSQL_AUTH_TOKEN is set but LIBSQL_URL is a local file; the token is ignored.');
  }
  return env;
}

/** Where this process answers, as a browser on the same machine would reach it. */
function listeningAddress(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
