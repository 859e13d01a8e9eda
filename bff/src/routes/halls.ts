import { createRoute } from '@hono/zod-openapi';
import { HallDetail, HallList, IdParam, WindowDetail } from '@zw/shared';
import { z } from 'zod';
import { createRouter } from '../lib/router';
import { ctxOf } from '../lib/service';
import { json, notFound, readErrors } from '../lib/openapi';
import { getHall, getWindow, listHalls } from '../services/halls';

const tags = ['服务大厅与窗口'];

const list = createRoute({
  method: 'get',
  path: '/halls',
  tags,
  summary: '服务大厅列表',
  responses: { 200: json(HallList, '列表'), ...readErrors },
});

const hall = createRoute({
  method: 'get',
  path: '/halls/{id}',
  tags,
  summary: '服务大厅详情及窗口',
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(HallDetail, '详情'), ...readErrors, ...notFound },
});

const window = createRoute({
  method: 'get',
  path: '/windows/{id}',
  tags,
  summary: '窗口详情：所在大厅与可办事项',
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(WindowDetail, '详情'), ...readErrors, ...notFound },
});

export const hallsRouter = createRouter()
  .openapi(list, async (c) => c.json(await listHalls({ ctx: ctxOf(c) }), 200))
  .openapi(hall, async (c) => c.json(await getHall({ ctx: ctxOf(c), input: c.req.valid('param') }), 200))
  .openapi(window, async (c) => c.json(await getWindow({ ctx: ctxOf(c), input: c.req.valid('param') }), 200));
