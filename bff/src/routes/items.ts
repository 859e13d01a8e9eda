import { createRoute } from '@hono/zod-openapi';
import { IdParam, ItemList, ItemListQuery, ServiceItem } from '@zw/shared';
import { z } from 'zod';
import { createRouter } from '../lib/router';
import { ctxOf } from '../lib/service';
import { json, notFound, readErrors } from '../lib/openapi';
import { getItem, listItems } from '../services/items';

const tags = ['办事指南'];

const list = createRoute({
  method: 'get',
  path: '/items',
  tags,
  summary: '办事指南列表（按部门、事项类型、大厅/窗口、关键词筛选）',
  request: { query: ItemListQuery },
  responses: { 200: json(ItemList, '分页列表'), ...readErrors },
});

const byId = createRoute({
  method: 'get',
  path: '/items/{id}',
  tags,
  summary: '办事指南详情（七公开全部要素）',
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(ServiceItem, '详情'), ...readErrors, ...notFound },
});

const byCode = createRoute({
  method: 'get',
  path: '/items/by-code/{code}',
  tags,
  summary: '按事项编码查询办事指南',
  request: { params: z.object({ code: z.string().trim().min(1).max(40, { error: '事项编码过长' }) }) },
  responses: { 200: json(ServiceItem, '详情'), ...readErrors, ...notFound },
});

export const itemsRouter = createRouter()
  .openapi(list, async (c) => c.json(await listItems({ ctx: ctxOf(c), input: c.req.valid('query') }), 200))
  .openapi(byCode, async (c) => c.json(await getItem({ ctx: ctxOf(c), input: c.req.valid('param') }), 200))
  .openapi(byId, async (c) => c.json(await getItem({ ctx: ctxOf(c), input: c.req.valid('param') }), 200));
