import { createRoute } from '@hono/zod-openapi';
import { IdParam, InterpretationDetail, PolicyDetail, PolicyList, PolicyListQuery } from '@zw/shared';
import { z } from 'zod';
import { createRouter } from '../lib/router';
import { ctxOf } from '../lib/service';
import { json, notFound, readErrors } from '../lib/openapi';
import { getInterpretation, getPolicy, listPolicies } from '../services/policies';

const tags = ['政策文件与解读'];

const list = createRoute({
  method: 'get',
  path: '/policies',
  tags,
  summary: '政策文件列表（按部门、效力状态、关键词筛选，新发布在前）',
  request: { query: PolicyListQuery },
  responses: { 200: json(PolicyList, '分页列表'), ...readErrors },
});

const detail = createRoute({
  method: 'get',
  path: '/policies/{id}',
  tags,
  summary: '政策文件详情及其解读',
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(PolicyDetail, '详情'), ...readErrors, ...notFound },
});

const interpretation = createRoute({
  method: 'get',
  path: '/interpretations/{id}',
  tags,
  summary: '政策解读详情（含文件信息和关联事项）',
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(InterpretationDetail, '详情'), ...readErrors, ...notFound },
});

export const policiesRouter = createRouter()
  .openapi(list, async (c) => c.json(await listPolicies({ ctx: ctxOf(c), input: c.req.valid('query') }), 200))
  .openapi(detail, async (c) => c.json(await getPolicy({ ctx: ctxOf(c), input: c.req.valid('param') }), 200))
  .openapi(interpretation, async (c) => c.json(await getInterpretation({ ctx: ctxOf(c), input: c.req.valid('param') }), 200));
