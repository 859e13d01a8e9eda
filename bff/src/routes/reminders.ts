import { createRoute } from '@hono/zod-openapi';
import { CaseReminders, IdParam, ReminderTemplates, SubscribeBody } from '@zw/shared';
import { z } from 'zod';
import { requireCitizen, requireStaff, retryAfter } from '../lib/auth';
import { error, json, notFound } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { citizenCtx, ctxOf, staffCtx } from '../lib/service';
import { reminderTemplates, subscribeCase, subscribeStaff } from '../services/reminders';

const tags = ['提醒'];
const body = { body: { content: { 'application/json': { schema: SubscribeBody } }, required: true } };
const invalid = { 400: error('参数有误（一次最多 3 个模板；结果只能是 accept、reject、ban、filter）') } as const;

const templatesRoute = createRoute({
  method: 'get',
  path: '/reminders/templates',
  tags,
  summary: '需要群众（或工作人员）订阅的微信订阅消息模板（只列已配置的）',
  responses: { 200: json(ReminderTemplates, '模板') },
});

const caseRoute = createRoute({
  method: 'post',
  path: '/cases/{id}/reminders',
  tags,
  summary: '开启提醒：记录群众在 requestSubscribeMessage 中的选择（本人的诉求）',
  middleware: [retryAfter, requireCitizen] as const,
  security: [{ bearer: [] }],
  request: { params: z.object({ id: IdParam }), ...body },
  responses: { 200: json(CaseReminders, '提醒状态'), ...invalid, 401: error('未登录'), ...notFound },
});

const staffRoute = createRoute({
  method: 'post',
  path: '/staff/reminders',
  tags,
  summary: '工作人员开启提醒（新待办、督办与临期超期）',
  middleware: [retryAfter, requireStaff('staff', 'supervisor', 'admin')] as const,
  security: [{ bearer: [] }],
  request: body,
  responses: { 200: json(z.object({ ok: z.literal(true) }), '已记录'), ...invalid, 401: error('未登录'), 403: error('角色不允许') },
});

export const remindersRouter = createRouter()
  .openapi(templatesRoute, (c) => c.json(reminderTemplates({ ctx: ctxOf(c) }), 200))
  .openapi(caseRoute, async (c) =>
    c.json(await subscribeCase({ ctx: citizenCtx(c), input: { id: c.req.valid('param').id, body: c.req.valid('json') } }), 200),
  )
  .openapi(staffRoute, async (c) => c.json(await subscribeStaff({ ctx: staffCtx(c), input: { body: c.req.valid('json') } }), 200));
