import { createRoute } from '@hono/zod-openapi';
import { Department, DepartmentList, IdParam } from '@zw/shared';
import { z } from 'zod';
import { createRouter } from '../lib/router';
import { ctxOf } from '../lib/service';
import { json, notFound, readErrors } from '../lib/openapi';
import { getDepartment, listDepartments } from '../services/departments';

const tags = ['部门'];

const list = createRoute({
  method: 'get',
  path: '/departments',
  tags,
  summary: '部门列表',
  responses: { 200: json(DepartmentList, '列表'), ...readErrors },
});

const detail = createRoute({
  method: 'get',
  path: '/departments/{id}',
  tags,
  summary: '部门详情',
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(Department, '详情'), ...readErrors, ...notFound },
});

export const departmentsRouter = createRouter()
  .openapi(list, async (c) => c.json(await listDepartments({ ctx: ctxOf(c) }), 200))
  .openapi(detail, async (c) => c.json(await getDepartment({ ctx: ctxOf(c), input: c.req.valid('param') }), 200));
