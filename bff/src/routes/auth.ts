import { createRoute } from '@hono/zod-openapi';
import { BindWechatBody, DevLoginBody, Me, StaffLoginBody, StaffView, TokenResponse, WxLoginBody } from '@zw/shared';
import type { MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { requireStaff, requireUser, retryAfter } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { AppError } from '../lib/errors';
import { error, json } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { ctxOf, staffCtx } from '../lib/service';
import { bindStaffWechat, citizenDevLogin, citizenWxLogin, staffPasswordLogin, staffWxLogin, whoAmI } from '../services/auth';

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
  .openapi(me, async (c) => c.json(await whoAmI({ ctx: ctxOf(c) }), 200));

authRouter.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: '登录接口返回的 token：Authorization: Bearer <token>',
});
