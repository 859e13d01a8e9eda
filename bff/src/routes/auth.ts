import { createRoute } from '@hono/zod-openapi';
import {
  AuthMethods,
  BindWechatBody,
  CitizenView,
  DevLoginBody,
  Me,
  SmsCodeRequestBody,
  SmsCodeSent,
  SmsLoginBody,
  StaffLoginBody,
  StaffView,
  TokenResponse,
  WxLoginBody,
} from '@zw/shared';
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { requireCitizen, requireStaff, requireUser, retryAfter } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { AppError } from '../lib/errors';
import { error, json } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { citizenCtx, ctxOf, staffCtx } from '../lib/service';
import {
  bindStaffWechat,
  citizenDevLogin,
  citizenWxLogin,
  requestSmsCode,
  smsLogin,
  staffPasswordLogin,
  staffWxLogin,
  verifyPhone,
  whoAmI,
} from '../services/auth';
import { smsSenderFromConfig } from '../services/sms/tencent';

const tags = ['登录与身份'];
const security = [{ bearerAuth: [] }];

const body = <T extends ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const invalid = { 400: error('参数有误：details.issues 逐项说明字段与原因') } as const;
const wechatErrors = {
  401: error('微信登录凭证无效或已过期（errcode 40029/40163）'),
  403: error('微信判定为高风险账号（errcode 40226）'),
  429: error('微信接口调用太频繁（errcode 45011），带 Retry-After'),
  503: error('微信服务繁忙或不可达（errcode -1 等），code 为 UNAVAILABLE'),
} as const;
const authErrors = {
  401: error('未登录、登录凭证无效或已过期（UNAUTHENTICATED）'),
  403: error('身份不符或角色无权限（FORBIDDEN）'),
} as const;

/**
 * Dev login answers exactly like a route that does not exist unless it is
 * switched on outside production, and it answers before body validation, so
 * a probe cannot tell that it is there.
 */
const devLoginEnabled: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { production, devLogin } = c.var.config;
  if (production || !devLogin) throw new AppError('ROUTE_NOT_FOUND', 404);
  await next();
};

/** Tokens and identities are never stored by any cache (RFC 6749 §5.1 asks the same of token responses). */
const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

const wxLogin = createRoute({
  method: 'post',
  path: '/auth/wx-login',
  tags,
  summary: '群众登录：wx.login 的 code 换取本系统的登录凭证',
  description: 'BFF 调用微信 code2Session，只保留 openid；session_key 与 AppSecret 不出服务器。首次登录自动建档。',
  middleware: [noStore, retryAfter] as const,
  request: body(WxLoginBody),
  responses: { 200: json(TokenResponse, '登录凭证与群众身份'), ...invalid, ...wechatErrors },
});

const devLogin = createRoute({
  method: 'post',
  path: '/auth/dev-login',
  tags,
  summary: '开发登录（H5 预览与测试）：以名字代替微信身份',
  description: '仅在设置 DEV_LOGIN 且非生产环境时可用，否则与不存在的地址一样回答 404。名字对应 openid `dev:<名字>`，首次登录自动建档。',
  middleware: [devLoginEnabled, noStore] as const,
  request: body(DevLoginBody),
  responses: { 200: json(TokenResponse, '登录凭证与群众身份'), ...invalid, 404: error('未开启') },
});

const staffLogin = createRoute({
  method: 'post',
  path: '/auth/staff-login',
  tags,
  summary: '工作人员登录：用户名 + 密码',
  description:
    '每个账号、每个来源地址 15 分钟内的尝试次数有限；超过后即使密码正确也返回 429（带 Retry-After）。用户名不存在与密码错误的回答相同。',
  middleware: [noStore, retryAfter] as const,
  request: body(StaffLoginBody),
  responses: {
    200: json(TokenResponse, '登录凭证与工作人员信息'),
    ...invalid,
    401: error('用户名或密码错误'),
    429: error('尝试次数过多，带 Retry-After'),
  },
});

const bindWechat = createRoute({
  method: 'post',
  path: '/auth/staff/bind-wechat',
  tags,
  summary: '工作人员绑定微信（之后可在小程序中直接用微信登录）',
  security,
  middleware: [noStore, retryAfter, requireStaff()] as const,
  request: body(BindWechatBody),
  responses: {
    200: json(StaffView, '绑定后的工作人员信息'),
    ...invalid,
    ...wechatErrors,
    ...authErrors,
    409: error('该微信已绑定其他工作人员账号'),
  },
});

const staffWx = createRoute({
  method: 'post',
  path: '/auth/staff/wx-login',
  tags,
  summary: '工作人员微信登录（须已绑定微信）',
  middleware: [noStore, retryAfter] as const,
  request: body(WxLoginBody),
  responses: {
    200: json(TokenResponse, '登录凭证与工作人员信息'),
    ...invalid,
    ...wechatErrors,
    401: error('微信凭证无效，或该微信尚未绑定工作人员账号'),
  },
});

const smsErrors = {
  429: error('太频繁（每个手机号 60 秒一次、每小时与每天有上限；每个来源地址每小时有上限），带 Retry-After'),
  503: error('短信未开通或短信服务商暂时不可用（SMS_UNAVAILABLE）'),
} as const;

const smsCode = createRoute({
  method: 'post',
  path: '/auth/sms/code',
  tags,
  summary: '浏览器登录第一步：向手机号发送 6 位短信验证码（5 分钟有效）',
  description: '无论该手机号是否已有记录，回答都相同。验证码只以摘要保存；新验证码使旧验证码失效。',
  middleware: [noStore, retryAfter] as const,
  request: body(SmsCodeRequestBody),
  responses: { 200: json(SmsCodeSent, '已发送'), ...invalid, ...smsErrors },
});

const smsLoginRoute = createRoute({
  method: 'post',
  path: '/auth/sms/login',
  tags,
  summary: '浏览器登录第二步：手机号 + 短信验证码换取登录凭证（首次登录自动建档）',
  description: '验证码只能用一次，最多输错 5 次。同一手机号在微信中验证过的群众是同一个人，看到同样的诉求。',
  middleware: [noStore, retryAfter] as const,
  request: body(SmsLoginBody),
  responses: {
    200: json(TokenResponse, '登录凭证与群众身份'),
    ...invalid,
    401: error('验证码不正确、已过期、已使用或已作废（SMS_CODE_INVALID）'),
    429: smsErrors[429],
  },
});

const phoneVerify = createRoute({
  method: 'post',
  path: '/auth/phone/verify',
  tags,
  summary: '已登录的群众（微信中）验证手机号：与用该手机号在浏览器中登录的记录合并',
  security,
  middleware: [noStore, retryAfter, requireCitizen] as const,
  request: body(SmsLoginBody),
  responses: {
    200: json(CitizenView, '验证后的群众身份'),
    ...invalid,
    401: error('未登录，或验证码不正确、已失效（SMS_CODE_INVALID）'),
    409: error('该手机号已绑定其他微信账号（PHONE_TAKEN）'),
    429: smsErrors[429],
  },
});

const methods = createRoute({
  method: 'get',
  path: '/auth/methods',
  tags,
  summary: '本服务提供的登录方式（浏览器版据此选择开发登录或短信登录）',
  responses: { 200: json(AuthMethods, '登录方式') },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: '当前登录身份（群众或工作人员）',
  security,
  middleware: [noStore, requireUser] as const,
  responses: { 200: json(Me, '当前身份'), 401: authErrors[401] },
});

export const authRouter = createRouter()
  .openapi(wxLogin, async (c) => c.json(await citizenWxLogin({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(devLogin, async (c) => c.json(await citizenDevLogin({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(staffLogin, async (c) => c.json(await staffPasswordLogin({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(bindWechat, async (c) => c.json(await bindStaffWechat({ ctx: staffCtx(c), input: c.req.valid('json') }), 200))
  .openapi(staffWx, async (c) => c.json(await staffWxLogin({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(me, async (c) => c.json(await whoAmI({ ctx: ctxOf(c) }), 200))
  .openapi(smsCode, async (c) => c.json(await requestSmsCode({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(smsLoginRoute, async (c) => c.json(await smsLogin({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(phoneVerify, async (c) => c.json(await verifyPhone({ ctx: citizenCtx(c), input: c.req.valid('json') }), 200))
  .openapi(methods, (c) => {
    const { production, devLogin, wechat, sms } = c.var.config;
    return c.json(
      {
        devLogin: !production && devLogin,
        sms: smsSenderFromConfig(sms) !== null && Boolean(sms.templates.loginCode),
        wechat: Boolean(wechat.appId && wechat.appSecret),
      },
      200,
    );
  });

authRouter.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: '登录接口返回的 token：Authorization: Bearer <token>',
});
